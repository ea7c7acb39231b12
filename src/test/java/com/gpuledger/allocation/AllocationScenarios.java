package com.gpuledger.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.cli.JobHarness;
import com.gpuledger.report.ReportService;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.MutableClock;
import com.gpuledger.support.TestDatabase;
import com.opencsv.CSVReader;

/**
 * Four days at the end of a month with exact cost lines, allocated by instance id and by region and GPU type, one
 * instance matching no rule, and three budgets: the cost center's crosses warn_at on the third day and the budget
 * on the fourth, the team's forecast is over from the first, the account's stays OK. Run on H2 and PostgreSQL.
 */
abstract class AllocationScenarios {

    static final List<LocalDate> DAYS = List.of(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-28"),
            LocalDate.parse("2026-11-29"), LocalDate.parse("2026-11-30"));
    static final LocalDate LAST = DAYS.get(3);
    static final String RULES = """
            rules:
              - name: pinned
                match: {instance_id: i-r1}
                set: {cost_center: research, team: ml, project: llm}
              - name: big gpus in the east
                match: {region: us-east, gpu_type: h100-80g-sxm}
                set: {cost_center: research, team: ml, project: vision, environment: production}
            budgets:
              - cost_center: research
                monthly_usd: 400
                warn_at: 0.7
              - team: ml
                monthly_usd: 390
                warn_at: 0.99
              - account: true
                monthly_usd: 1000
            """;

    @TempDir
    Path home;
    JdbcClient jdbc;
    JobHarness harness;
    Map<String, String> environment;

    abstract TestDatabase database(Path home);

    /** The variables that let {@code query} read as the reader user (its role is created before the migrations). */
    abstract Map<String, String> reader(TestDatabase database);

    @BeforeEach
    void start() throws IOException {
        TestDatabase database = database(home);
        jdbc = database.jdbc();
        environment = new LinkedHashMap<>(database.environment());
        environment.putAll(reader(database));
        environment.put("LEDGER_HOME", home.toString());
        environment.put("LEDGER_ALLOCATION_FILE", Files.writeString(home.resolve("rules.yaml"), RULES).toString());
        harness = new JobHarness(environment, home, new MutableClock(Instant.parse("2026-12-01T07:00:00Z")));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void everyCostLineIsAllocatedOnceAndTheBudgetsCrossWarnAtAndTheLimitWithinTheMonth() throws Exception {
        // given: research's two instances cost exactly 100 a day (150 on the last), i-x matches no rule
        for (LocalDate day : DAYS) {
            cost(day, "i-r1", "US-EAST", "A100-80G", day.equals(LAST) ? "110.12345678" : "60.12345678");
            cost(day, "i-r2", "US-EAST", "H100-80G-SXM", "39.87654322");
            cost(day, "i-x", "EU-NORTH", "H100-80G-SXM", day.equals(DAYS.get(2)) ? null : "10.00000001");
            // when: the nightly steps after the costs
            harness.bean(AllocationLedger.class).adopt(day);
            harness.bean(AllocationLedger.class).rebuild(day);
            harness.bean(ReportService.class).publishDay(day);
        }
        harness.bean(ReportService.class).publishMonth(YearMonth.of(2026, 11));

        // then: exactly one allocation per cost line, by the first rule that matches
        for (LocalDate day : DAYS) {
            assertThat(jdbc.sql("""
                    SELECT c.instance_id || ' ' || a.cost_center || ' ' || COALESCE(CAST(a.rule_number AS VARCHAR(9)), '-')
                    FROM daily_instance_cost c JOIN daily_instance_allocation a
                      ON a.report_date = c.report_date AND a.instance_id = c.instance_id
                    WHERE c.report_date = ? ORDER BY c.instance_id""").param(day).query(String.class).list())
                    .containsExactly("i-r1 research 1", "i-r2 research 2", "i-x unallocated -");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM allocation_rule_set").query(Integer.class).single()).isEqualTo(1);

        // and: the unmatched instance is a finding every day, with its cost (unknown on the 29th)
        assertThat(findings("UNALLOCATED")).containsExactly("2026-11-27 i-x INFO - 10.00000001", "2026-11-28 i-x INFO - 10.00000001",
                "2026-11-29 i-x INFO - -", "2026-11-30 i-x INFO - 10.00000001");

        // and: research's month to date 100, 200, 300 (above warn_at 0.7 x 400), 450 (above 400); the team's forecast
        // 400 is above its 390 from the first day; the account (110, 220, 320, 480 of 1000) never warns
        assertThat(findings("BUDGET_FORECAST_OVER")).containsExactly(
                "2026-11-27 - WARN 390 400", "2026-11-28 - WARN 390 400", "2026-11-29 - WARN 390 400",
                "2026-11-29 - WARN 400 300");
        assertThat(findings("BUDGET_EXCEEDED")).containsExactly("2026-11-30 - WARN 390 450", "2026-11-30 - WARN 400 450");
        assertThat(detail("BUDGET_FORECAST_OVER", DAYS.get(2), "400")).startsWith("cost_center research: month to date $300 ")
                .contains("(75.00 % used)").endsWith("month to date is above warn_at 70.00 %");
        assertThat(detail("BUDGET_FORECAST_OVER", DAYS.get(0), "390")).contains("the forecast $400 (estimate) is above the budget");

        // and: the file's rows sum to the day's total exactly, each carrying its cost center's budget
        Path folder = home.resolve("reports/" + LAST);
        List<Map<String, String>> rows = csv(folder.resolve("cost-by-cost-center-" + LAST + ".csv"));
        assertThat(rows).extracting(row -> String.join(" ", row.get("cost_center"), row.get("team"), row.get("project"),
                row.get("environment"), row.get("instance_count"), row.get("cost_usd"), row.get("month_to_date_usd"),
                row.get("forecast_month_usd"), row.get("budget_usd"), row.get("budget_used_share"), row.get("budget_status")))
                .containsExactly(
                        "research ml llm  1 110.12345678 290.49382712 290.4938 400.0000 1.1250 OVER",
                        "research ml vision production 1 39.87654322 159.50617288 159.5062 400.0000 1.1250 OVER",
                        "unallocated    1 10.00000001 30.00000003 30.0000   NONE");
        BigDecimal dayTotal = jdbc.sql("SELECT SUM(cost_usd) FROM daily_instance_cost WHERE report_date = ?").param(LAST)
                .query(BigDecimal.class).single();
        assertThat(rows.stream().map(row -> new BigDecimal(row.get("cost_usd"))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(dayTotal).isEqualByComparingTo("160.00000001");
        assertThat(csv(home.resolve("reports/" + DAYS.get(2) + "/cost-by-cost-center-" + DAYS.get(2) + ".csv")))
                .filteredOn(row -> row.get("cost_center").equals("unallocated")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("cost_usd", "").containsEntry("unknown_cost_count", "1"));
        assertThat(csv(folder.resolve("instances-" + LAST + ".csv"))).extracting(row -> row.get("instance_id") + " "
                + row.get("cost_center") + " " + row.get("project") + " " + row.get("environment"))
                .containsExactly("i-r1 research llm ", "i-r2 research vision production", "i-x unallocated  ");
        assertThat(Files.readString(folder.resolve("manifest.json"))).contains("\"name\" : \"cost-by-cost-center-" + LAST + ".csv\"");

        // and: the workbook's By Cost Center sheet and the Budgets block with its chart of used, forecast, limit
        try (XSSFWorkbook workbook = new XSSFWorkbook(folder.resolve("gpu-cost-" + LAST + ".xlsx").toFile())) {
            assertThat(texts(workbook.getSheet("By Cost Center")))
                    .contains("2026-11-30 research ml vision production 1 0 24.0000 $39.88 $159.51 $159.51 $400.00 1.1250 OVER")
                    .last().isEqualTo("Total     3 0 72.0000 $160.00 $480.00");
            XSSFSheet summary = workbook.getSheet("Summary");
            List<String> lines = texts(summary);
            assertThat(lines).contains("Budgets 2026-11 (USD)");
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("cost_center research $400.00 $450.00")
                    .contains("OVER"));
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("account $1,000.00 $480.00").contains("OK"));
            assertThat(summary.getDrawingPatriarch().getCharts()).hasSize(3)
                    .anySatisfy(chart -> assertThat(chart.getTitleText().getString()).startsWith("Budgets 2026-11")
                            .satisfies(title -> assertThat(chart.getChartSeries().get(0).getSeriesCount()).isEqualTo(3)));
        }
        // and: the month close has the month's totals per allocation and the budgets of its last day
        try (XSSFWorkbook month = new XSSFWorkbook(home.resolve("reports/2026-11/gpu-cost-2026-11.xlsx").toFile())) {
            assertThat(texts(month.getSheet("By Cost Center")))
                    .contains("2026-11-30 research ml llm  1 0 96.0000 $290.49 $290.49  $400.00 1.1250 OVER")
                    .last().isEqualTo("Total     3 1 264.0000 $480.00 $480.00");
            assertThat(texts(month.getSheet("Budgets"))).hasSize(4);
        }

        // and: the analysts' view gives the same sums, readable by the reader user
        LedgerProcess.Result query = new LedgerProcess(home).with(environment).execute("query", "--format=csv", """
                SELECT cost_center, SUM(instance_count) AS instances, SUM(cost_usd) AS cost FROM v_cost_by_allocation
                WHERE report_date = DATE '2026-11-30' GROUP BY cost_center ORDER BY cost_center""");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out().lines().toList()).containsExactly("cost_center,instances,cost", "research,2,150.00000000",
                "unallocated,1,10.00000001");
    }

    @Test
    void aHostNameOfAnyLengthOrFormNeverFailsTheNightAndIsShownAsText() throws Exception {
        // given: an unmatched instance whose user named it with a formula of 5,000 characters
        String host = "=HYPERLINK(\"http://x\")" + "a".repeat(5000);
        cost(LAST, "i-long", "EU-NORTH", "L40S", "1.5");
        jdbc.sql("""
                INSERT INTO instance_snapshot (report_date, instance_id, fetched_at, source, region, host_name, gpu_type,
                                               gpu_count, running_hours, total_cost, currency, run_id)
                VALUES (?, 'i-long', TIMESTAMP WITH TIME ZONE '2026-12-01 07:00:00+00', 'ACTIVE', 'EU-NORTH', ?, 'L40S', 1,
                        100, 150, 'USD', 1)""").param(LAST).param(host).update();

        // when
        harness.bean(AllocationLedger.class).adopt(LAST);
        harness.bean(AllocationLedger.class).rebuild(LAST);
        harness.bean(ReportService.class).publishDay(LAST);

        // then: the finding is kept, its detail cut to the column; the files show the name as text
        String detail = jdbc.sql("SELECT detail FROM reconciliation_finding WHERE kind = 'UNALLOCATED'").query(String.class).single();
        assertThat(detail).startsWith("no allocation rule matches: host_name '=HYPERLINK(").hasSize(4000).endsWith("...");
        Path folder = home.resolve("reports/" + LAST);
        assertThat(csv(folder.resolve("instances-" + LAST + ".csv"))).singleElement()
                .satisfies(row -> assertThat(row.get("host_name")).isEqualTo("'" + host))
                .satisfies(row -> assertThat(row.get("cost_center")).isEqualTo("unallocated"));
        assertThat(csv(folder.resolve("findings-" + LAST + ".csv"))).singleElement()
                .satisfies(row -> assertThat(row.get("detail")).startsWith("no allocation rule matches"));
    }

    private void cost(LocalDate day, String id, String region, String gpuType, String cost) {
        jdbc.sql("""
                INSERT INTO daily_instance_cost (report_date, instance_id, region, instance_type, gpu_type, gpu_count, basis,
                                                 hours, cost_usd, price_per_hour, period_start, period_end, days_covered)
                VALUES (?, ?, ?, 'gpu.1x', ?, 1, ?, ?, ?, 2.5, ?, ?, 1)""")
                .param(day).param(id).param(region).param(gpuType).param(cost == null ? "NOT_CAPTURED" : "DELTA")
                .param(cost == null ? null : new BigDecimal("24")).param(cost == null ? null : new BigDecimal(cost))
                .param(utc(day)).param(utc(day.plusDays(1))).update();
    }

    /** The start of a business day (America/New_York) as the column type wants it. */
    private static java.time.OffsetDateTime utc(LocalDate day) {
        return day.atStartOfDay(java.time.ZoneId.of("America/New_York")).toOffsetDateTime()
                .withOffsetSameInstant(java.time.ZoneOffset.UTC);
    }

    private List<String> findings(String kind) {
        return jdbc.sql("""
                SELECT report_date, instance_id, severity, expected_usd, actual_usd FROM reconciliation_finding
                WHERE kind = ? ORDER BY report_date, expected_usd""").param(kind)
                .query((rs, n) -> rs.getString(1) + " " + orDash(rs.getString(2)) + " " + rs.getString(3) + " "
                        + plain(rs.getBigDecimal(4)) + " " + plain(rs.getBigDecimal(5)))
                .list();
    }

    private String detail(String kind, LocalDate day, String limit) {
        return jdbc.sql("SELECT detail FROM reconciliation_finding WHERE kind = ? AND report_date = ? AND expected_usd = ?")
                .param(kind).param(day).param(new BigDecimal(limit)).query(String.class).single();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    static List<Map<String, String>> csv(Path file) throws Exception {
        try (CSVReader reader = new CSVReader(new FileReader(file.toFile(), java.nio.charset.StandardCharsets.UTF_8))) {
            List<String[]> lines = reader.readAll();
            List<Map<String, String>> rows = new ArrayList<>();
            for (String[] line : lines.subList(1, lines.size())) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < line.length; i++) {
                    row.put(lines.get(0)[i], line[i]);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Each row of a sheet as its formatted cells joined by spaces. */
    static List<String> texts(Sheet sheet) {
        DataFormatter format = new DataFormatter(java.util.Locale.ROOT);
        List<String> lines = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.getLastCellNum(); i++) {
                cells.add(row.getCell(i) == null ? "" : format.formatCellValue(row.getCell(i)));
            }
            lines.add(String.join(" ", cells).strip());
        }
        return lines;
    }
}
