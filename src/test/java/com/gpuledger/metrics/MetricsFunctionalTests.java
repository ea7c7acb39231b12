package com.gpuledger.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

/** The metrics file after real nights, read by an independent Prometheus text-format parser as node_exporter would. */
class MetricsFunctionalTests {

    static final LocalDate D = LocalDate.parse("2026-03-10");

    @TempDir
    Path home;
    ProviderSimulator simulator;
    LedgerProcess ledger;
    JdbcClient jdbc;
    Path file;

    @BeforeEach
    void start() {
        simulator = new ProviderSimulator(SimulatorSettings.defaults(5, 40, Instant.parse("2026-03-11T07:00:00Z")));
        simulator.start(0);
        // the night before D first (the fleet's history reaches back before the clock)
        simulator.setNow(Instant.parse("2026-03-10T07:00:00Z"));
        ledger = new LedgerProcess(home).with("LEDGER_API_URL", simulator.baseUrl()).with("LEDGER_API_TOKEN", "demo");
        jdbc = TestDatabase.h2(home).jdbc();
        file = home.resolve("metrics/gpu_ledger.prom");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aNightsMetricsAreTheNightsNumbers() throws IOException {
        // given: the night before, then the night
        assertThat(ledger.execute("run", "--metrics", "--date=" + D.minusDays(1)).exitCode()).isIn(0, 3);
        simulator.setNow(Instant.parse("2026-03-11T07:00:00Z"));

        // when
        int exitCode = ledger.execute("run", "--metrics", "--date=" + D).exitCode();

        // then: the file is valid Prometheus text, every family a gauge
        Map<String, MetricFamily> families = parse(file);
        assertThat(families.values()).allSatisfy(family -> assertThat(family.getType()).isEqualTo(MetricType.GAUGE));
        assertThat(value(families, "gpu_ledger_last_exit_code", Map.of())).isEqualTo(exitCode);

        // and: the run's times are those ledger_run records
        Run run = jdbc.sql("SELECT started_at, ended_at, discovered_count, captured_count, failed_count, not_found_count "
                        + "FROM ledger_run WHERE report_date = ? AND command = 'run'").param(D)
                .query((rs, n) -> new Run(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6))).single();
        double lastRun = value(families, "gpu_ledger_last_run_timestamp_seconds", Map.of());
        assertThat(lastRun).isBetween(run.startedAt.toEpochMilli() / 1000.0, run.endedAt.toEpochMilli() / 1000.0);
        assertThat(value(families, RunMetricsFile.LAST_SUCCESS, Map.of())).isEqualTo(lastRun);
        // the machine's monotonic clock, the same span as ledger_run's (to the millisecond of reading the two clocks)
        assertThat(value(families, "gpu_ledger_run_duration_seconds", Map.of()))
                .isPositive().isLessThan((run.endedAt.toEpochMilli() - run.startedAt.toEpochMilli()) / 1000.0 + 1);

        // and: the instances by state, the day's cost, the reconciliation and the findings, each for its report date
        String date = D.toString();
        assertThat(value(families, "gpu_ledger_instances", Map.of("report_date", date, "state", "discovered"))).isEqualTo(run.discovered);
        assertThat(value(families, "gpu_ledger_instances", Map.of("report_date", date, "state", "captured"))).isEqualTo(run.captured);
        assertThat(value(families, "gpu_ledger_instances", Map.of("report_date", date, "state", "failed"))).isEqualTo(run.failed);
        assertThat(value(families, "gpu_ledger_instances", Map.of("report_date", date, "state", "not_found"))).isEqualTo(run.notFound);
        BigDecimal cost = jdbc.sql("SELECT SUM(cost_usd) FROM daily_instance_cost WHERE report_date = ?").param(D)
                .query(BigDecimal.class).single();
        assertThat(cents(value(families, "gpu_ledger_daily_cost_usd", Map.of("report_date", date)))).isEqualTo(cents(cost));
        Map<String, Object> account = jdbc.sql("SELECT status, difference_usd FROM account_reconciliation WHERE report_date = ?")
                .param(D).query().singleRow();
        BigDecimal difference = (BigDecimal) account.get("difference_usd");
        if (difference == null) {
            // a reconciliation that could not compute its difference: no sample, never a 0
            assertThat(samples(families, "gpu_ledger_reconciliation_difference_usd")).isZero();
        } else {
            assertThat(cents(value(families, "gpu_ledger_reconciliation_difference_usd", Map.of("report_date", date))))
                    .isEqualTo(cents(difference));
        }
        assertThat(value(families, "gpu_ledger_reconciliation_status", Map.of("report_date", date, "status", account.get("status"))))
                .isEqualTo(1);
        for (String severity : new String[] {"INFO", "WARN", "ERROR"}) {
            int count = jdbc.sql("SELECT COUNT(*) FROM reconciliation_finding WHERE report_date = ? AND severity = ?")
                    .param(D).param(severity).query(Integer.class).single();
            assertThat(value(families, "gpu_ledger_findings", Map.of("report_date", date, "severity", severity))).isEqualTo(count);
        }
    }

    @Test
    void aFailedRunTellsItsExitCodeAndKeepsTheLastSuccess() throws IOException {
        // given: a good night
        assertThat(ledger.execute("run", "--metrics", "--date=" + D.minusDays(1)).exitCode()).isIn(0, 3);
        double success = value(parse(file), RunMetricsFile.LAST_SUCCESS, Map.of());

        // when: the next night cannot reach the provider
        simulator.setNow(Instant.parse("2026-03-11T07:00:00Z"));
        ledger.with("LEDGER_API_URL", simulator.baseUrl() + "/gone");
        assertThat(ledger.execute("run", "--metrics", "--date=" + D).exitCode()).isEqualTo(1);

        // then: exit 1 and a later run time, the last success is the good night's, and the failed date shows no cost
        Map<String, MetricFamily> families = parse(file);
        assertThat(value(families, "gpu_ledger_last_exit_code", Map.of())).isEqualTo(1);
        assertThat(value(families, "gpu_ledger_last_run_timestamp_seconds", Map.of())).isGreaterThan(success);
        assertThat(value(families, RunMetricsFile.LAST_SUCCESS, Map.of())).isEqualTo(success);
        assertThat(samples(families, "gpu_ledger_daily_cost_usd")).isZero();
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void aRunWhoseDatabaseIsDownAtStartStillLeavesItsExitCode() throws IOException {
        // given: a good night
        assertThat(ledger.execute("run", "--metrics", "--date=" + D.minusDays(1)).exitCode()).isIn(0, 3);
        double success = value(parse(file), RunMetricsFile.LAST_SUCCESS, Map.of());

        // when: the next run cannot reach its database, so the application does not even start
        LedgerProcess.Result down = ledger.with("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/gone")
                .with("SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "1000").execute("run", "--metrics", "--date=" + D);

        // then: exit 1 in the file, the last success kept from the previous one
        assertThat(down.exitCode()).as(down.err()).isEqualTo(1);
        Map<String, MetricFamily> families = parse(file);
        assertThat(value(families, "gpu_ledger_last_exit_code", Map.of())).isEqualTo(1);
        assertThat(value(families, RunMetricsFile.LAST_SUCCESS, Map.of())).isEqualTo(success);
        assertThat(samples(families, "gpu_ledger_instances")).isZero();
    }

    @Test
    void metricsGoWhereLedgerMetricsFileSays() throws IOException {
        Path elsewhere = home.resolve("textfile-collector/ledger.prom");

        ledger.with("LEDGER_METRICS_FILE", elsewhere.toString()).execute("run", "--metrics", "--date=" + D.minusDays(1));

        assertThat(parse(elsewhere)).containsKey("gpu_ledger_last_exit_code");
        assertThat(file).doesNotExist();
    }

    @Test
    void aRelativeMetricsFileIsUnderTheHomeWhereverTheRunStarts() throws IOException {
        ledger.with("LEDGER_METRICS_FILE", "textfile/ledger.prom").execute("run", "--metrics", "--date=" + D.minusDays(1));

        assertThat(parse(home.resolve("textfile/ledger.prom"))).containsKey("gpu_ledger_last_exit_code");
    }

    @Test
    void aManualRunLeavesTheScheduledRunsMetricsAlone() throws IOException {
        // given: the scheduled night's file
        assertThat(ledger.execute("run", "--metrics", "--date=" + D.minusDays(1)).exitCode()).isIn(0, 3);
        String scheduled = Files.readString(file);

        // when: a person's runs, one that works and one that fails (no database at the URL they typed)
        simulator.setNow(Instant.parse("2026-03-11T07:00:00Z"));
        assertThat(ledger.execute("run", "--date=" + D).exitCode()).isIn(0, 3);
        int mistaken = ledger.with("SPRING_DATASOURCE_URL", "jdbc:h2:tcp://127.0.0.1:1/nothing").with("SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "1000")
                .execute("run", "--date=" + D).exitCode();

        // then: monitoring still reads the scheduled night
        assertThat(mistaken).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo(scheduled);
    }

    private record Run(Instant startedAt, Instant endedAt, int discovered, int captured, int failed, int notFound) {
    }

    static Map<String, MetricFamily> parse(Path file) throws IOException {
        Map<String, MetricFamily> families = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(in);
            for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
                assertThat(families.put(family.getName(), family)).as("family %s once", family.getName()).isNull();
            }
        }
        return families;
    }

    static double value(Map<String, MetricFamily> families, String name, Map<String, ?> labels) {
        MetricFamily family = families.get(name);
        assertThat(family).as(name).isNotNull();
        for (Metric metric : family.getMetrics()) {
            if (metric.getLabels().equals(labels)) {
                return ((Gauge) metric).getValue();
            }
        }
        throw new AssertionError("no sample " + name + labels + " in " + family.getMetrics());
    }

    static int samples(Map<String, MetricFamily> families, String name) {
        MetricFamily family = families.get(name);
        return family == null ? 0 : family.getMetrics().size();
    }

    private static BigDecimal cents(double value) {
        return cents(BigDecimal.valueOf(value));
    }

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
