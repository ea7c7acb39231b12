package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import com.gpuledger.report.focus.FocusTable;
import com.gpuledger.report.focus.FocusValidator;
import com.gpuledger.support.LedgerProcess;

class DemoFunctionalTests {

    private static final String[] DEMO = {"demo", "--days=4", "--fleet-size=40", "--seed=7", "--end-date=2026-03-10"};

    @TempDir
    Path home;
    @TempDir
    Path otherHome;

    @Test
    void theDemoRunsTheRealJobForEachNightWithCountersGrowingConsistently() {
        // given: production settings in the environment, which the demo must not touch
        LedgerProcess ledger = new LedgerProcess(home)
                .with("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/production")
                .with("LEDGER_REPORTS_DIR", home.resolve("production-reports").toString());

        // when
        LedgerProcess.Result result = ledger.execute(DEMO);

        // then: one completed run and one snapshot per night, the night's times those of the simulated clock
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("reports/demo").contains("2026-03-10");
        JdbcClient jdbc = demoDatabase(home);
        assertThat(jdbc.sql("SELECT report_date FROM ledger_run WHERE outcome = 'SUCCEEDED' ORDER BY report_date")
                .query(LocalDate.class).list())
                .containsExactly(LocalDate.parse("2026-03-07"), LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-09"),
                        LocalDate.parse("2026-03-10"));
        for (Map<String, Object> night : jdbc.sql("""
                SELECT report_date, COUNT(*) AS n, MIN(fetched_at) AS first_fetch, MAX(fetched_at) AS last_fetch
                FROM instance_snapshot GROUP BY report_date ORDER BY report_date""").query().listOfRows()) {
            assertThat(((Number) night.get("n")).intValue()).isGreaterThanOrEqualTo(30);
            assertThat(night.get("first_fetch")).isEqualTo(night.get("last_fetch"));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM fetch_failure WHERE kind = 'FAILED'").query(Integer.class).single()).isZero();

        // and: an instance seen on two consecutive nights never loses cost, and gains at most the wall hours between
        List<Map<String, Object>> pairs = jdbc.sql("""
                SELECT a.instance_id, a.total_cost AS cost_before, b.total_cost AS cost_after,
                       a.running_hours AS hours_before, b.running_hours AS hours_after, b.status
                FROM instance_snapshot a JOIN instance_snapshot b
                  ON b.instance_id = a.instance_id AND b.report_date = DATEADD(DAY, 1, a.report_date)""").query().listOfRows();
        assertThat(pairs).hasSizeGreaterThan(90);
        for (Map<String, Object> pair : pairs) {
            BigDecimal costGrowth = ((BigDecimal) pair.get("cost_after")).subtract((BigDecimal) pair.get("cost_before"));
            BigDecimal hourGrowth = ((BigDecimal) pair.get("hours_after")).subtract((BigDecimal) pair.get("hours_before"));
            assertThat(costGrowth.signum()).as("cost of %s", pair.get("instance_id")).isGreaterThanOrEqualTo(0);
            assertThat(hourGrowth).as("hours of %s", pair.get("instance_id")).isBetween(BigDecimal.ZERO, new BigDecimal("24.0001"));
        }

        // and: nothing went to the production settings
        assertThat(home.resolve("production-reports")).doesNotExist();
        assertThat(home.resolve("data/ledger.mv.db")).doesNotExist();
    }

    @Test
    void theSameArgumentsGiveTheSameRows() throws IOException {
        // when
        int first = new LedgerProcess(home).execute(DEMO).exitCode();
        int second = new LedgerProcess(otherHome).with("LEDGER_FOCUS_VERSION", "1.3").execute(DEMO).exitCode();

        // then
        assertThat(first).isZero();
        assertThat(second).isZero();
        String rows = """
                SELECT report_date, instance_id, fetched_at, source, region, gpu_type, gpu_count, status, start_time,
                       running_hours, total_cost, price_per_hour FROM instance_snapshot ORDER BY report_date, instance_id""";
        assertThat(demoDatabase(otherHome).sql(rows).query().listOfRows())
                .isEqualTo(demoDatabase(home).sql(rows).query().listOfRows())
                .hasSizeGreaterThan(120);
        // and: the FOCUS version is the file's alone (both kept their version's rules: LedgerProcess checks every file)
        assertThat(firstLine(otherHome.resolve("reports/demo/2026-03-10/focus-2026-03-10.csv"))).contains(",ServiceProviderName,HostProviderName,");
        assertThat(firstLine(home.resolve("reports/demo/2026-03-10/focus-2026-03-10.csv"))).doesNotContain("ServiceProviderName");
    }

    @Test
    void overThirtyNightsTheAccountReconcilesOnEveryNightAfterTheFirst() throws IOException {
        // given: 30 nights ending just after the autumn daylight-saving change, whose 01:00 hour repeats
        LedgerProcess ledger = new LedgerProcess(home);

        // when
        LedgerProcess.Result result = ledger.execute("demo", "--days=30", "--fleet-size=60", "--seed=11", "--end-date=2026-11-05");

        // then: the simulator's charges are by construction the sum of its instances' accruals
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, Object>> nights = demoDatabase(home)
                .sql("SELECT report_date, status, difference_usd, reason FROM account_reconciliation ORDER BY report_date")
                .query().listOfRows();
        assertThat(nights).hasSize(30);
        assertThat(nights.get(0)).containsEntry("status", "WARN");
        assertThat(nights.subList(1, 30)).allSatisfy(night -> assertThat(night).as("%s", night).containsEntry("status", "OK"));

        // and: every night's FOCUS file keeps the 1.2 rules, and its BilledCost sums to the night's known cost exactly,
        // across the split at October's end
        Path reports = home.resolve("reports/demo");
        long rows = FocusValidator.assertAllValid(reports);
        long charged = demoDatabase(home).sql("SELECT COUNT(*) FROM daily_instance_cost WHERE cost_usd IS NOT NULL")
                .query(Long.class).single();
        assertThat(rows).isGreaterThan(charged);
        for (Map<String, Object> night : demoDatabase(home).sql("""
                SELECT report_date, SUM(cost_usd) AS cost FROM daily_instance_cost GROUP BY report_date ORDER BY report_date""")
                .query().listOfRows()) {
            String date = night.get("report_date").toString();
            FocusTable focus = FocusTable.read(reports.resolve(date + "/focus-" + date + ".csv"));
            BigDecimal billed = focus.rows().stream().map(row -> new BigDecimal(row.get("BilledCost"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(billed).as("FOCUS BilledCost of %s", date).isEqualByComparingTo((BigDecimal) night.get("cost"));
        }
        System.out.println("FOCUS rows validated over 30 nights: " + rows + " (instance-days charged: " + charged + ")");
    }

    private static String firstLine(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElseThrow();
        }
    }

    private static JdbcClient demoDatabase(Path home) {
        return JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:file:" + home.resolve("data/demo/ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE", "sa", ""));
    }
}
