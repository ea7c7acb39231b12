package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.report.focus.FocusTable;
import com.gpuledger.report.focus.FocusValidator;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

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

        // then: one completed run and one snapshot per night, the night's times those of the simulated clock, which
        // starts up to 15 minutes after 02:00 and moves while the night is fetched
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("reports/demo").contains("2026-03-10");
        // and: the closing hint queries the demo's database, as printed
        Matcher hint = Pattern.compile("SPRING_DATASOURCE_URL='([^']+)' gpu-ledger query \"([^\"]+)\"").matcher(result.out());
        assertThat(hint.find()).as(result.out()).isTrue();
        LedgerProcess.Result hinted = new LedgerProcess(home).with("SPRING_DATASOURCE_URL", hint.group(1)).execute("query", hint.group(2));
        assertThat(hinted.exitCode()).as(hinted.err()).isZero();
        assertThat(hinted.out()).contains("2026-03-10");
        JdbcClient jdbc = demoDatabase(home);
        assertThat(jdbc.sql("SELECT report_date FROM ledger_run WHERE command = 'run' AND outcome = 'SUCCEEDED' ORDER BY report_date")
                .query(LocalDate.class).list())
                .containsExactly(LocalDate.parse("2026-03-07"), LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-09"),
                        LocalDate.parse("2026-03-10"));
        // and: the month workbook of the nights' month, although no run closed it, as 'report --month' writes it
        assertThat(home.resolve("reports/demo/2026-03/gpu-cost-2026-03.xlsx")).isNotEmptyFile();
        assertThat(jdbc.sql("SELECT message FROM ledger_run WHERE command = 'report'").query(String.class).single())
                .isEqualTo("month close of 2026-03 written");
        for (Map<String, Object> night : jdbc.sql("""
                SELECT report_date, COUNT(*) AS n, MIN(fetched_at) AS first_fetch, MAX(fetched_at) AS last_fetch
                FROM instance_snapshot GROUP BY report_date ORDER BY report_date""").query().listOfRows()) {
            assertThat(((Number) night.get("n")).intValue()).isGreaterThanOrEqualTo(30);
            Object date = night.get("report_date");
            LocalDate reportDate = date instanceof LocalDate local ? local : ((java.sql.Date) date).toLocalDate();
            Instant scheduled = ZonedDateTime.of(reportDate.plusDays(1),
                    LocalTime.of(2, 0), ZoneId.of("America/New_York")).toInstant();
            Instant first = instant(night.get("first_fetch"));
            Instant last = instant(night.get("last_fetch"));
            assertThat(first).isBetween(scheduled, scheduled.plus(Duration.ofMinutes(20)));
            assertThat(last).isBetween(first.plusSeconds(10), first.plus(Duration.ofMinutes(5)));
        }
        // a drifted payload costs its instance nothing: every instance is captured
        assertThat(jdbc.sql("SELECT COUNT(*) FROM fetch_failure WHERE kind = 'FAILED'").query(Integer.class).single()).isZero();

        // and: an instance seen on two consecutive nights never loses cost, and its hours grow by at most the time
        // between the two fetches; they fall only when it was started again since, to at most that time
        List<Map<String, Object>> pairs = jdbc.sql("""
                SELECT a.instance_id, a.total_cost AS cost_before, b.total_cost AS cost_after, a.fetched_at AS before_at,
                       b.fetched_at AS after_at, a.running_hours AS hours_before, b.running_hours AS hours_after, b.status
                FROM instance_snapshot a JOIN instance_snapshot b
                  ON b.instance_id = a.instance_id AND b.report_date = DATEADD(DAY, 1, a.report_date)""").query().listOfRows();
        assertThat(pairs).hasSizeGreaterThan(90);
        for (Map<String, Object> pair : pairs) {
            BigDecimal costGrowth = ((BigDecimal) pair.get("cost_after")).subtract((BigDecimal) pair.get("cost_before"));
            BigDecimal hourGrowth = ((BigDecimal) pair.get("hours_after")).subtract((BigDecimal) pair.get("hours_before"));
            BigDecimal elapsed = BigDecimal.valueOf(Duration.between(instant(pair.get("before_at")), instant(pair.get("after_at")))
                    .toSeconds()).divide(BigDecimal.valueOf(3600), 4, java.math.RoundingMode.UP).add(new BigDecimal("0.0001"));
            assertThat(costGrowth.signum()).as("cost of %s", pair.get("instance_id")).isGreaterThanOrEqualTo(0);
            assertThat(hourGrowth).as("hours of %s", pair.get("instance_id")).isLessThanOrEqualTo(elapsed);
            if (hourGrowth.signum() < 0) {
                assertThat((BigDecimal) pair.get("hours_after")).as("restarted %s", pair.get("instance_id")).isLessThan(elapsed);
            }
        }

        // and: nothing went to the production settings
        assertThat(home.resolve("production-reports")).doesNotExist();
        assertThat(home.resolve("data/ledger.mv.db")).doesNotExist();
    }

    @Test
    void theSameArgumentsGiveTheSameRows() throws IOException {
        // when: the simulated clock moves with every request, so any difference in their order would show
        LedgerProcess.Result first = new LedgerProcess(home).execute(DEMO);
        LedgerProcess.Result second = new LedgerProcess(otherHome).with("LEDGER_FOCUS_VERSION", "1.3").execute(DEMO);

        // then: the same snapshots, to the second they were taken, the same costs and the same reconciliation
        assertThat(second.exitCode()).as(second.err()).isEqualTo(first.exitCode());
        String snapshots = """
                SELECT report_date, instance_id, fetched_at, source, region, gpu_type, gpu_count, status, start_time,
                       running_hours, total_cost, price_per_hour FROM instance_snapshot ORDER BY report_date, instance_id""";
        assertThat(demoDatabase(otherHome).sql(snapshots).query().listOfRows())
                .isEqualTo(demoDatabase(home).sql(snapshots).query().listOfRows())
                .hasSizeGreaterThan(120);
        assertThat(demoDatabase(home).sql("SELECT COUNT(DISTINCT fetched_at) FROM instance_snapshot").query(Integer.class)
                .single()).isGreaterThan(40);
        for (String rows : List.of(
                "SELECT * FROM daily_instance_cost ORDER BY report_date, instance_id",
                "SELECT report_date, scope, instance_id, kind, severity, expected_usd, actual_usd, difference_usd, detail"
                        + " FROM reconciliation_finding ORDER BY report_date, scope, instance_id, kind, detail",
                "SELECT * FROM account_charge_hour ORDER BY bucket_start",
                "SELECT * FROM account_reconciliation ORDER BY report_date")) {
            assertThat(demoDatabase(otherHome).sql(rows).query().listOfRows()).as(rows)
                    .isEqualTo(demoDatabase(home).sql(rows).query().listOfRows())
                    .isNotEmpty();
        }
        // and: the FOCUS version is the file's alone (both kept their version's rules: LedgerProcess checks every file)
        assertThat(firstLine(otherHome.resolve("reports/demo/2026-03-10/focus-2026-03-10.csv"))).contains(",ServiceProviderName,HostProviderName,");
        assertThat(firstLine(home.resolve("reports/demo/2026-03-10/focus-2026-03-10.csv"))).doesNotContain("ServiceProviderName");
    }

    @Test
    void overThirtyFiveNightsTheAccountReconcilesOnEveryNightAfterTheFirst() throws IOException {
        // given: 35 nights ending just after the autumn daylight-saving change, whose 01:00 hour repeats, in the moving
        // world: irregular start times, requests that take time, restated hours, stops and starts, drifted payloads
        LedgerProcess ledger = new LedgerProcess(home);

        // when
        LedgerProcess.Result result = ledger.execute("demo", "--days=35", "--fleet-size=60", "--seed=11", "--end-date=2026-11-05");

        // then: every instance captured, and every night after the first OK within a bound of at most 1% of its
        // cost, with what was read outside the window corrected, and each term of the bound at work
        assertThat(result.exitCode()).as(result.err()).isZero();
        JdbcClient jdbc = demoDatabase(home);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM fetch_failure WHERE kind = 'FAILED'").query(Integer.class).single()).isZero();
        List<Map<String, Object>> nights = jdbc.sql("""
                SELECT report_date, status, instances_cost_usd, corrections_usd, difference_usd, bound_usd, reason
                FROM account_reconciliation ORDER BY report_date""").query().listOfRows();
        assertThat(nights).hasSize(35);
        assertThat(nights.get(0)).containsEntry("status", "WARN");
        java.util.regex.Pattern terms = java.util.regex.Pattern.compile("restarted outside the window \\$([0-9.]+) .*"
                + "read times to the second \\$([0-9.]+), displayed rounding \\$([0-9.]+)");
        List<BigDecimal> changing = new java.util.ArrayList<>();
        assertThat(nights.subList(1, nights.size())).allSatisfy(night -> {
            assertThat(night).as("%s", night).containsEntry("status", "OK");
            assertThat((BigDecimal) night.get("bound_usd")).as("%s", night)
                    .isLessThanOrEqualTo(((BigDecimal) night.get("instances_cost_usd")).movePointLeft(2));
            assertThat(((BigDecimal) night.get("corrections_usd")).signum()).as("%s", night).isPositive();
            java.util.regex.Matcher bound = terms.matcher((String) night.get("reason"));
            assertThat(bound.find()).as("%s", night).isTrue();
            changing.add(new BigDecimal(bound.group(1)));
            assertThat(new BigDecimal(bound.group(2)).signum()).as("read times of %s", night).isPositive();
            assertThat(new BigDecimal(bound.group(3)).signum()).as("rounding of %s", night).isPositive();
        });
        assertThat(changing).as("instances starting and stopping near the edges on some nights")
                .anyMatch(amount -> amount.signum() > 0);
        // and: the moving world was there to be survived (restarts, drift, unreadable fields), and nothing was reset
        assertThat(jdbc.sql("SELECT DISTINCT kind FROM reconciliation_finding").query(String.class).list())
                .contains("HOURS_RESET", "PAYLOAD_DRIFT", "FIELD_UNREADABLE", "CHARGE_RESTATED");
        assertThat(jdbc.sql("SELECT DISTINCT kind FROM reconciliation_finding WHERE report_date > ?").param(nights.get(0)
                .get("report_date")).query(String.class).list())
                .doesNotContain("COUNTER_RESET", "HOURS_EXCEED_ELAPSED", "ACCOUNT_MISMATCH", "RATE_MISMATCH");

        // and: nothing unknown is shown as a number: the first night, mostly baselines, is a gap in the 30-day chart
        // of 2026-10-31, whose first day it is
        Path reports = home.resolve("reports/demo");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(
                reports.resolve("2026-10-31/gpu-cost-2026-10-31.xlsx")))) {
            var line = book.getSheet("Summary").getDrawingPatriarch().getCharts().get(1).getCTChart().getPlotArea()
                    .getLineChartArray(0).getSerArray(0);
            List<Integer> plotted = java.util.Arrays.stream(line.getVal().getNumRef().getNumCache().getPtArray())
                    .map(pt -> (int) pt.getIdx()).toList();
            assertThat(plotted).hasSize(29).doesNotContain(0);
        }
        // and: the forecast of the second night does not average the first night's baselines in, and says so
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(
                reports.resolve("2026-10-03/gpu-cost-2026-10-03.xlsx")))) {
            var summary = book.getSheet("Summary");
            String method = null;
            for (var row : summary) {
                if (row.getCell(0) != null && row.getCell(0).toString().startsWith("Forecast for the month")) {
                    method = row.getCell(2).getStringCellValue();
                }
            }
            assertThat(method).contains("leaving out 1 day whose costs are mostly unknown (2026-10-02)");
        }
        var totals = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(Files.readString(reports.resolve("2026-10-02/manifest.json"))).get("totals");
        assertThat(totals.get("unknown_cost_count").asInt()).isEqualTo(jdbc.sql(
                "SELECT COUNT(*) FROM daily_instance_cost WHERE report_date = DATE '2026-10-02' AND cost_usd IS NULL")
                .query(Integer.class).single()).isPositive();

        // and: every night's FOCUS file keeps the 1.2 rules, and its BilledCost sums to the night's known cost exactly,
        // across the split at October's end
        long rows = FocusValidator.assertAllValid(reports);
        long charged = jdbc.sql("SELECT COUNT(*) FROM daily_instance_cost WHERE cost_usd IS NOT NULL").query(Long.class).single();
        assertThat(rows).isGreaterThan(charged);
        for (Map<String, Object> night : jdbc.sql("""
                SELECT report_date, SUM(cost_usd) AS cost FROM daily_instance_cost GROUP BY report_date ORDER BY report_date""")
                .query().listOfRows()) {
            String date = night.get("report_date").toString();
            FocusTable focus = FocusTable.read(reports.resolve(date + "/focus-" + date + ".csv"));
            BigDecimal billed = focus.rows().stream().map(row -> new BigDecimal(row.get("BilledCost"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(billed).as("FOCUS BilledCost of %s", date).isEqualByComparingTo((BigDecimal) night.get("cost"));
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElseThrow();
        }
    }

    private static Instant instant(Object value) {
        return value instanceof java.time.OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }

    private static JdbcClient demoDatabase(Path home) {
        return JdbcClient.create(TestDatabase.h2Owner(
                "jdbc:h2:file:" + home.resolve("data/demo/ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE",
                home.resolve("data/demo/ledger")));
    }
}
