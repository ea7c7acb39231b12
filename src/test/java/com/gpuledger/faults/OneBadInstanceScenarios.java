package com.gpuledger.faults;

import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/**
 * A value that one instance's detail cannot be taken with, whatever it is, costs that instance alone. In a counter or
 * the id, it becomes the instance's failure naming the field and the value, every other instance is captured and
 * costed, the reports are written, the night exits 2, and so does every night after it rather than 1. In any other
 * field it costs that field alone: NULL, noted, a FIELD_UNREADABLE finding, the instance captured, exit 0. Run on H2
 * and on PostgreSQL.
 */
abstract class OneBadInstanceScenarios {

    static final String DATE = "2025-03-10";

    @TempDir
    Path home;
    ProviderStubs provider;
    LedgerProcess ledger;
    JdbcClient jdbc;

    abstract TestDatabase database(Path home);

    @BeforeEach
    void start() {
        provider = new ProviderStubs();
        TestDatabase database = database(home);
        jdbc = database.jdbc();
        ledger = new LedgerProcess(home).with(database.environment()).with("LEDGER_API_URL", provider.baseUrl())
                .with("LEDGER_API_TOKEN", ProviderStubs.TOKEN).with("LEDGER_FETCH_BACKOFF", "5ms")
                .with("LEDGER_FETCH_CONCURRENCY", "2");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void anObjectWhereAValueIsExpected() {
        assertCostsOneInstance(good("bad").replace("\"running_time\":\"1.0000 hours\"", "\"running_time\":{\"hours\":1}"),
                "field 'running_time' has value '{...}': an object where a single value is expected");
    }

    @Test
    void hoursTimesPriceBeyondWhatAnAmountHolds() {
        assertDegradesOneField(good("bad").replace("\"running_time\":\"1.0000 hours\"",
                        "\"running_time\":\"200000\",\"price_per_hour\":\"100000\""),
                "price_per_hour", "100000", "NEW", "times running_time 200000 is 10^10 or more for one instance");
        assertThat(jdbc.sql("SELECT price_per_hour FROM instance_snapshot WHERE instance_id = 'bad'").query(BigDecimal.class)
                .optional()).isEmpty();
        assertThat(kinds("bad")).contains("PRICE_UNKNOWN").doesNotContain("RATE_MISMATCH");
    }

    @Test
    void aCostThatFitsAnAmountButNotAFleetsSum() {
        // 16 digits fit the instance's column, but the night's sum over the fleet would not
        assertCostsOneInstance(good("bad").replace("\"total_cost\":\"$1.5000\"", "\"total_cost\":\"9999999999999999\""),
                "field 'total_cost' has value '9999999999999999': 10^10 or more for one instance");
    }

    @Test
    void moreGpusThanAnyMachineHas() {
        assertDegradesOneField(good("bad").replace("\"gpu_count\":1", "\"gpu_count\":2147483647"),
                "gpu_count", "2147483647", "NEW", "more than 1000 GPUs");
        assertThat(jdbc.sql("SELECT gpu_type FROM daily_instance_cost WHERE instance_id = 'bad'").query(String.class).single())
                .isEqualTo("UNKNOWN");
    }

    @Test
    void aNumberWhosePlainFormWouldTakeGigabytes() {
        assertDegradesOneField(good("bad").replace("\"ram\":\"58\"", "\"ram\":1E+2147483647"),
                "ram", "1E+2147483647", "NEW", "a number of more than 40 digits before or after the point");
    }

    @Test
    void aStartTimeLongBeforeTheYear2000ButAnotherThatSaysWhen() {
        // the epoch beside it is unreadable; the readable text still says when it started: NEW, not BASELINE
        assertDegradesOneField(good("bad").replace("\"start_time\":\"EST 2025-03-10 00:00:00\"",
                        "\"start_time\":\"EST 2025-03-10 00:00:00\",\"started_at\":-99999999999999"),
                "started_at", "-99999999999999", "NEW", "a time outside 2000-01-01T00:00:00Z ..");
    }

    @Test
    void aStartTimeYearsAhead() {
        // today's EST 9999-12-31 made the instance NEW with its whole life booked on one day; unreadable, it is a baseline
        assertDegradesOneField(good("bad").replace("EST 2025-03-10 00:00:00", "EST 9999-12-31 00:00:00"),
                "start_time", "EST 9999-12-31 00:00:00", "BASELINE", "a time outside 2000-01-01T00:00:00Z ..");
    }

    @Test
    void aStartTimeInAShapeNobodyKnows() {
        assertDegradesOneField(good("bad").replace("EST 2025-03-10 00:00:00", "the tenth of March"),
                "start_time", "the tenth of March", "BASELINE", "not a time like");
    }

    /**
     * Attack: the same field under two names, one readable and one not. The readable one is used (the GPU type and
     * count are known, the instance is grouped under its GPU), yet the FIELD_UNREADABLE WARN of the other says "GPU
     * type and count unknown: grouped under UNKNOWN, GPU hours unknown": the finding's consequence is chosen by the
     * field's name alone, so it tells finance something that did not happen (and likewise "a BASELINE, not NEW" for
     * an unreadable started_at beside a readable start_time).
     */
    @Test
    void anUnreadableAliasBesideAReadableNameDoesNotClaimTheValueIsUnknown() {
        // given: gpu_type says RTX-A6000, the newer name "gpu" beside it is an object
        serve(good("bad").replace("\"gpu_type\":\"RTX-A6000\"", "\"gpu_type\":\"RTX-A6000\",\"gpu\":{\"model\":\"A6000\"}"));

        // when
        assertThat(ledger.execute("run", "--date=" + DATE).exitCode()).isZero();

        // then: the GPU is known, and the finding does not say otherwise
        assertThat(jdbc.sql("SELECT gpu_type FROM daily_instance_cost WHERE instance_id = 'bad'").query(String.class).single())
                .isEqualTo("RTX-A6000");
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding WHERE instance_id = 'bad' AND kind = 'FIELD_UNREADABLE'")
                .query(String.class).list()).noneMatch(detail -> detail.contains("GPU type and count unknown"));
    }

    /**
     * Attack: two notes for one field. The detail's price is unreadable, so the list's is taken; SnapshotLimits then
     * refuses the list's price (hours x price beyond what an amount holds) and notes it under the same name
     * "price_per_hour"; SnapshotRepository keeps one note per field and kind, the first. The stored note and the
     * FIELD_UNREADABLE WARN speak only of the detail's 'lots' and say "the list's price is used if it has one": that
     * the list's price was used and then refused, and why, is lost.
     */
    @Test
    void aListPriceRefusedAfterTheDetailsWasUnreadableIsStillSaid() {
        // given: the detail's price is text, the list's times the hours is beyond what an amount holds
        serve(good("bad").replace("\"running_time\":\"1.0000 hours\"", "\"running_time\":\"200000\",\"price_per_hour\":\"lots\""));
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"bad\"", "100000", "Running"), listItem("\"g-1\"", "1.5", "Running"),
                listItem("\"g-2\"", "1.5", "Running"), listItem("\"g-3\"", "1.5", "Running"));

        // when
        assertThat(ledger.execute("run", "--date=" + DATE).exitCode()).isZero();

        // then: the price is unknown, and the findings say that the list's 100000 was refused
        assertThat(jdbc.sql("SELECT price_per_hour FROM instance_snapshot WHERE instance_id = 'bad'").query(BigDecimal.class)
                .optional()).isEmpty();
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding WHERE instance_id = 'bad' AND kind = 'FIELD_UNREADABLE'")
                .query(String.class).list()).anyMatch(detail -> detail.contains("100000"));
    }

    @Test
    void aTextNoDatabaseKeepsAsSentCostsThatFieldAlikeOnBothDatabases() {
        // PostgreSQL refused the whole snapshot for a NUL in text, H2 kept it: now the field is unreadable on both
        assertDegradesOneField(good("bad").replace("\"os\":\"Ubuntu Server 22.04 LTS\"", "\"os\":\"Ubuntu\\u0000Server\""),
                "os", "Ubuntu?Server", "NEW", "a NUL or half of a surrogate pair");
    }

    @Test
    void aProviderThatEchoesTheTokenInItsMessage() throws Exception {
        assertCostsOneInstance("{\"status\":\"failed\",\"message\":\"bad header: Bearer " + ProviderStubs.TOKEN + "\"}",
                "Bearer [token hidden]");
        assertThat(jdbc.sql("SELECT reason FROM fetch_failure").query(String.class).single()).doesNotContain(ProviderStubs.TOKEN);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(home.resolve("reports"))) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                assertThat(new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(ProviderStubs.TOKEN);
            }
        }
    }

    @Test
    void aNameLongerThanAWorkbookCellHolds() throws Exception {
        // given: a GPU type of 40,000 characters, more than an xlsx cell holds
        String gpuType = "A".repeat(40_000);
        serve(good("bad").replace("\"gpu_type\":\"RTX-A6000\"", "\"gpu_type\":\"" + gpuType + "\""));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=" + DATE);

        // then: captured, the workbook written with the name cut, the CSV with all of it
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(home.resolve("reports").resolve(DATE).resolve("gpu-cost-" + DATE + ".xlsx")).isRegularFile();
        assertThat(java.nio.file.Files.readString(home.resolve("reports").resolve(DATE).resolve("instances-" + DATE + ".csv")))
                .contains(gpuType);
    }

    @Test
    void anUnreadableListPriceIsNoReasonToFailTheList() {
        // given: the list gives a price no amount can hold; the detail gives its own
        serve(good("bad"));
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"bad\"", "1E+2147483647", "Running"), listItem("\"g-1\"", "1.5", "Running"),
                listItem("\"g-2\"", "1.5", "Running"), listItem("\"g-3\"", "1.5", "Running"));

        // when / then: captured, and the unreadable price is a finding, not only a log line
        assertThat(ledger.execute("run", "--date=" + DATE).exitCode()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding WHERE instance_id = 'bad' AND kind = 'FIELD_UNREADABLE'")
                .query(String.class).single()).contains("field 'price_per_hour (list)' has value '1E+2147483647'");
        assertThat(kinds("bad")).contains("PRICE_UNKNOWN");
    }

    @Test
    void anIdNoDatabaseKeepsAsSentIsRefusedNotRenamed() {
        // given: a lone half of a surrogate pair, which PostgreSQL's driver would turn into '?' and H2 keep
        serve(good("bad"));
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"sur\\ud800id\"", "1.5", "Running"), listItem("\"g-1\"", "1.5", "Running"));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=" + DATE);

        // then: the listing fails naming the id, nothing is fetched under another name
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT message FROM ledger_run").query(String.class).single())
                .contains("field 'id' has value 'sur?id': not a usable instance id: a control character or half of a surrogate pair");
        assertThat(provider.requestsFor("/computing/instance/sur?id")).isZero();
    }

    @Test
    void aListedIdWithANulFailsTheListingClearlyAndLeavesTheDateRunnable() {
        // given: a NUL inside an id; quoted raw, PostgreSQL refused even the job's exit message, and the date stayed
        // "already running" for ever
        serve(good("bad"));
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"x\\u0000y\"", "1.5", "Running"), listItem("\"g-1\"", "1.5", "Running"));

        // when: two nights
        LedgerProcess.Result first = ledger.execute("run", "--date=" + DATE);
        LedgerProcess.Result second = ledger.execute("run", "--date=" + DATE);

        // then: each fails on the list, naming the id with the NUL shown as '?'
        for (LedgerProcess.Result result : List.of(first, second)) {
            assertThat(result.exitCode()).isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT message FROM ledger_run ORDER BY run_id").query(String.class).list())
                .hasSize(2).allSatisfy(message -> assertThat(message).contains("field 'id' has value 'x?y': not a usable instance id"));
    }

    @Test
    void aChargeHourWithAHugeExponentCostsTheAccountCheckNotTheNight() {
        // given: every instance readable, one charge hour whose time is 1E+2147483647
        serve(good("bad"));
        provider.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1/users/credits/history"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"data":{"credit_history":[{"user_id":266,"computing_amount":1.5,"serverless_amount":0,"total":1.5,
                        "create_time":1E+2147483647,"update_time":1E+2147483647}],"total_credit_histories":1},
                        "message":"ok","status":"success"}""")));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=" + DATE);

        // then: all four captured and costed, the reports written
        assertThat(result.exitCode()).as(result.err()).isNotEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM daily_instance_cost WHERE cost_usd IS NOT NULL").query(Integer.class).single())
                .isEqualTo(4);
        assertThat(home.resolve("reports").resolve(DATE).resolve("instances-" + DATE + ".csv")).isRegularFile();
    }

    private void assertCostsOneInstance(String badBody, String reason) {
        // given
        serve(badBody);

        // when: two nights
        LedgerProcess.Result night = ledger.execute("run", "--date=" + DATE);
        LedgerProcess.Result again = ledger.execute("run", "--date=" + DATE);

        // then: each time the bad one is a failure with field and value, the other three are captured and costed
        for (LedgerProcess.Result result : List.of(night, again)) {
            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        }
        List<Map<String, Object>> failures = jdbc.sql("SELECT instance_id, kind, reason FROM fetch_failure").query().listOfRows();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).containsEntry("instance_id", "bad").containsEntry("kind", "FAILED");
        assertThat((String) failures.get(0).get("reason")).contains(reason);
        assertThat(jdbc.sql("SELECT instance_id, basis, cost_usd FROM daily_instance_cost ORDER BY instance_id").query()
                .listOfRows()).extracting(row -> row.get("instance_id") + " " + row.get("basis") + " " + row.get("cost_usd"))
                .containsExactly("bad NOT_CAPTURED null", "g-1 NEW 1.50000000", "g-2 NEW 1.50000000", "g-3 NEW 1.50000000");
        assertThat(jdbc.sql("SELECT SUM(total_cost) FROM instance_snapshot").query(BigDecimal.class).single())
                .isEqualByComparingTo("4.5");
        assertThat(home.resolve("reports").resolve(DATE).resolve("instances-" + DATE + ".csv")).isRegularFile();
    }

    /**
     * The bad field costs that field alone: the instance is captured with its counters and the field NULL, a
     * FIELD_UNREADABLE WARN names instance, field and value, and the night exits 0, every night.
     */
    private void assertDegradesOneField(String badBody, String field, String shownValue, String basis, String problem) {
        // given
        serve(badBody);

        // when: two nights
        LedgerProcess.Result night = ledger.execute("run", "--date=" + DATE);
        LedgerProcess.Result again = ledger.execute("run", "--date=" + DATE);

        // then
        for (LedgerProcess.Result result : List.of(night, again)) {
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM fetch_failure").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT field_name, field_value, problem FROM snapshot_field_note WHERE instance_id = 'bad'"
                        + " AND kind = 'UNREADABLE'").query().listOfRows())
                .singleElement().satisfies(note -> {
                    assertThat(note).containsEntry("field_name", field).containsEntry("field_value", shownValue);
                    assertThat((String) note.get("problem")).contains(problem);
                });
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding WHERE instance_id = 'bad' AND kind = 'FIELD_UNREADABLE'"
                        + " AND severity = 'WARN'").query(String.class).single())
                .contains("field '" + field + "' has value '" + shownValue + "'").contains("the instance's counters were captured");
        assertThat(jdbc.sql("SELECT instance_id, basis, cost_usd FROM daily_instance_cost ORDER BY instance_id").query()
                .listOfRows()).extracting(row -> row.get("instance_id") + " " + row.get("basis") + " " + row.get("cost_usd"))
                .containsExactly("bad " + basis + " " + (basis.equals("NEW") ? "1.50000000" : "null"),
                        "g-1 NEW 1.50000000", "g-2 NEW 1.50000000", "g-3 NEW 1.50000000");
        assertThat(jdbc.sql("SELECT total_cost FROM instance_snapshot WHERE instance_id = 'bad'").query(BigDecimal.class).single())
                .isEqualByComparingTo("1.5");
    }

    private List<String> kinds(String instanceId) {
        return jdbc.sql("SELECT kind FROM reconciliation_finding WHERE instance_id = ?").param(instanceId)
                .query(String.class).list();
    }

    private void serve(String badBody) {
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"bad\"", "1.5", "Running"), listItem("\"g-1\"", "1.5", "Running"),
                listItem("\"g-2\"", "1.5", "Running"), listItem("\"g-3\"", "1.5", "Running"));
        provider.list(InstanceLister.DELETED, 100);
        provider.creditHistory(new TreeMap<>());
        provider.detailOk("bad", badBody);
        for (String id : List.of("g-1", "g-2", "g-3")) {
            provider.detailOk(id, good(id));
        }
    }

    /** A detail in the seed's shape, one hour for $1.50. */
    private static String good(String id) {
        return detail("\"" + id + "\"", "CANADA", "RTX-A6000", 1, "Running", "EST 2025-03-10 00:00:00", "1.0000 hours", "$1.5000");
    }
}
