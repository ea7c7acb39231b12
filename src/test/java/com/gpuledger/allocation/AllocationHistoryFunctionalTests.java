package com.gpuledger.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.cli.JobHarness;
import com.gpuledger.run.ReportRun;
import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.MutableClock;
import com.gpuledger.support.TestDatabase;

/** The nightly run against the simulator: the rules' history, a byte-identical rebuild, the check command, bad files. */
class AllocationHistoryFunctionalTests {

    static final LocalDate D1 = LocalDate.parse("2026-03-10");
    static final LocalDate D2 = LocalDate.parse("2026-03-11");
    static final LocalDate D3 = LocalDate.parse("2026-03-12");
    static final String RULES_A = """
            rules:
              - match: {host_name: ['TRAIN-LLM-*', 'llama-ft-*']}
                set: {cost_center: research, team: ml}
              - match: {host_name_regex: '(mike|anna|raj|sofia|li-wei)-[0-9]+'}
                set: {cost_center: engineering, team: developers}
            budgets:
              - account: true
                monthly_usd: 100000
            """;
    static final String RULES_B = """
            rules:
              - match: {host_name: ['train-llm-*', 'llama-ft-*']}
                set: {cost_center: ml-platform, team: ml}
              - match: {host_name_regex: '(mike|anna|raj|sofia|li-wei)-[0-9]+'}
                set: {cost_center: engineering, team: developers}
              - name: everything else
                match: {}
                set: {cost_center: shared}
            """;

    @TempDir
    Path home;
    ProviderSimulator simulator;
    LedgerProcess ledger;
    JdbcClient jdbc;
    Path rules;

    @BeforeEach
    void provider() throws IOException {
        simulator = new ProviderSimulator(SimulatorSettings.defaults(5, 40, runTime(D1)));
        simulator.start(0);
        rules = Files.writeString(home.resolve("allocation.yaml"), RULES_A);
        ledger = new LedgerProcess(home).with("LEDGER_API_URL", simulator.baseUrl()).with("LEDGER_API_TOKEN", "demo");
        jdbc = TestDatabase.h2(home).jdbc();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aChangedRuleSetIsAFindingOnItsFirstDateAndAnOldDateIsRebuiltByteForByteWithItsOwnRules() throws IOException {
        // given: two nights with rules A (the default file under LEDGER_HOME), then a third with rules B; each night a
        // process of its own, its clock the simulator's, as in production
        night(D1);
        night(D2);
        Map<String, byte[]> d2Files = files(D2);
        int d2Unallocated = count("SELECT COUNT(*) FROM daily_instance_allocation WHERE report_date = ? AND cost_center = 'unallocated'", D2);
        assertThat(d2Unallocated).isPositive();
        assertThat(count("SELECT COUNT(*) FROM reconciliation_finding WHERE report_date = ? AND kind = 'UNALLOCATED'", D2))
                .isEqualTo(d2Unallocated);
        Files.writeString(rules, RULES_B);
        night(D3);

        // then: two rule sets, each from its first date, and one finding on the date the second began
        assertThat(jdbc.sql("SELECT first_report_date || ' ' || sha256 FROM allocation_rule_set ORDER BY first_report_date")
                .query(String.class).list())
                .containsExactly(D1 + " " + AllocationFile.sha256(RULES_A), D3 + " " + AllocationFile.sha256(RULES_B));
        assertThat(jdbc.sql("SELECT report_date || ' ' || severity FROM reconciliation_finding WHERE kind = 'ALLOCATION_RULES_CHANGED'")
                .query(String.class).list()).containsExactly(D3 + " INFO");
        int instances = count("SELECT COUNT(*) FROM daily_instance_cost WHERE report_date = ?", D3);
        int moved = count("""
                SELECT COUNT(*) FROM daily_instance_allocation WHERE report_date = ?
                AND (cost_center IN ('ml-platform', 'shared'))""", D3);
        String detail = jdbc.sql("SELECT detail FROM reconciliation_finding WHERE kind = 'ALLOCATION_RULES_CHANGED'")
                .query(String.class).single();
        assertThat(detail).contains(moved + " of " + instances + " instances allocated differently").endsWith(" -> 0");
        assertThat(count("SELECT COUNT(*) FROM daily_instance_allocation WHERE report_date = ? AND cost_center = 'unallocated'", D3))
                .isZero();

        // when: D2 is rebuilt after the change
        try (JobHarness harness = harness(D3)) {
            assertThat(harness.bean(ReportRun.class).days(D2, D2).exitCode().code()).isZero();
        }

        // then: with D2's own rules, every file byte for byte as the night wrote it
        assertThat(files(D2)).containsOnlyKeys(d2Files.keySet())
                .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(d2Files.get(name)));
        assertThat(count("SELECT COUNT(*) FROM daily_instance_allocation WHERE report_date = ? AND cost_center = 'unallocated'", D2))
                .isEqualTo(d2Unallocated);

        // and: a file changed since D3's run does not change D3's rebuild: the stored rules do
        Files.writeString(rules, "rules:\n  - match: {}\n    set: {cost_center: other}\n");
        assertThat(ledger.execute("report", "--date=" + D3).exitCode()).isZero();
        assertThat(count("SELECT COUNT(*) FROM daily_instance_allocation WHERE report_date = ? AND cost_center = 'other'", D3))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM daily_instance_allocation WHERE report_date = ? AND cost_center = 'shared'", D3))
                .isPositive();
    }

    /** One night's run in a process of its own (it reads the rules file when it starts), at the simulator's time. */
    private void night(LocalDate date) {
        try (JobHarness harness = harness(date)) {
            assertThat(harness.run(date).exitCode().code()).isIn(0, 3);
        }
    }

    private JobHarness harness(LocalDate date) {
        simulator.setNow(runTime(date));
        Map<String, String> environment = Map.of("LEDGER_HOME", home.toString(), "LEDGER_API_URL", simulator.baseUrl(),
                "LEDGER_API_TOKEN", "demo");
        return new JobHarness(environment, home, new MutableClock(runTime(date)));
    }

    @Test
    void allocationCheckShowsEachInstanceTheUnmatchedAndTheRulesThatMatchNothingOrAreShadowed() throws IOException {
        // given: a night, and a file whose second rule only ever matches what the first takes, the third nothing
        night(D1);
        String host = jdbc.sql("SELECT MIN(host_name) FROM instance_snapshot WHERE host_name LIKE 'train-llm-%'")
                .query(String.class).single();
        assertThat(host).as("the simulated fleet has a train-llm host").isNotNull();
        Files.writeString(rules, """
                rules:
                  - name: training
                    match: {host_name: 'train-llm-*'}
                    set: {cost_center: research}
                  - name: training again
                    match: {host_name_regex: 'train-llm-[0-9]+'}
                    set: {cost_center: research-2}
                  - name: nobody
                    match: {host_name: 'nobody-*'}
                    set: {cost_center: void}
                """);

        // when
        LedgerProcess.Result check = ledger.execute("allocation", "check", "--date=" + D1);

        // then: exit 3, as some instances match no rule
        assertThat(check.exitCode()).as(check.err()).isEqualTo(3);
        String instanceId = jdbc.sql("SELECT instance_id FROM instance_snapshot WHERE report_date = ? AND host_name = ?")
                .param(D1).param(host).query(String.class).list().get(0);
        int trainers = count("SELECT COUNT(*) FROM instance_snapshot WHERE report_date = ? AND LOWER(host_name) LIKE 'train-llm-%'", D1);
        int all = count("SELECT COUNT(*) FROM daily_instance_cost WHERE report_date = ?", D1);
        assertThat(check.out())
                .contains("allocation check of " + D1 + ": " + rules + " (sha256 ")
                .containsPattern("(?m)^" + instanceId + " +" + host + " +1 +research +- +- +-$")
                .contains("rule 1 'training' (line 2): " + trainers + " instances")
                .contains("unmatched (" + (all - trainers) + "):")
                .contains("rules that match nothing on " + D1 + " (1):\n  rule 3 'nobody' (line 8)")
                .contains("rules shadowed by an earlier one (1):\n  rule 2 'training again' (line 5) matches only instances"
                        + " an earlier rule takes (rule 1 'training' (line 2): " + trainers + ")")
                .endsWith((all - trainers) + " of " + all + " instances of " + D1 + " are unallocated (exit 3)\n");

        // when: a catch-all rule is added; then every instance is allocated and the check passes
        Files.writeString(rules, Files.readString(rules) + "  - match: {}\n    set: {cost_center: shared}\n");
        LedgerProcess.Result passing = ledger.execute("allocation", "check");
        assertThat(passing.exitCode()).as(passing.err()).isZero();
        assertThat(passing.out()).contains("unmatched (0): none").endsWith("every instance of " + D1 + " is allocated\n");

        // and: nothing was written by the checks, and a date without costs is a usage error
        assertThat(jdbc.sql("SELECT COUNT(*) FROM allocation_rule_set").query(Integer.class).single()).isEqualTo(1);
        assertThat(ledger.execute("allocation", "check", "--date=" + D3).exitCode()).isEqualTo(64);
        assertThat(ledger.execute("allocation", "--date=" + D1).exitCode()).isEqualTo(64);
    }

    @Test
    void aBadFileStopsEveryCommandBeforeAnyApiCallNamingTheFileAndLine() throws IOException {
        // given: a provider that cannot be reached (a call would end in exit 1) and a typo on line 4
        Files.writeString(rules, """
                rules:
                  - match:
                      host_name: 'train-*'
                      gpu: H100
                    set: {cost_center: research}
                """);
        ledger.with("LEDGER_API_URL", "http://127.0.0.1:9/api/v1");

        for (String[] command : new String[][] {{"run", "--date=" + D1}, {"allocation", "check"}, {"report", "--date=" + D1}}) {
            // when
            LedgerProcess.Result result = ledger.execute(command);

            // then: one line naming the file and the line, exit 64, nothing started: not even the database
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(64);
            assertThat(home.resolve("data")).doesNotExist();
            assertThat(result.err()).isEqualTo("gpu-ledger: allocation file " + rules
                    + ", line 4: unknown key 'gpu' in match (known: gpu_type, host_name, host_name_regex, instance_id,"
                    + " instance_type, region)\n");
        }
    }

    private static Instant runTime(LocalDate date) {
        return date.plusDays(1).atTime(7, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    private int count(String sql, LocalDate date) {
        return jdbc.sql(sql).param(date).query(Integer.class).single();
    }

    /** A date's published files but the manifest (it records when it was generated). */
    private Map<String, byte[]> files(LocalDate date) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(home.resolve("reports/" + date))) {
            for (Path path : paths.toList()) {
                if (!path.getFileName().toString().equals("manifest.json")) {
                    files.put(path.getFileName().toString(), Files.readAllBytes(path));
                }
            }
        }
        return files;
    }
}
