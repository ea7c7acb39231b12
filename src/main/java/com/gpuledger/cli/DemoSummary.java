package com.gpuledger.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the demo prints at the end: where its outputs are, and the last night's cost at a glance. */
final class DemoSummary {

    private DemoSummary() {
    }

    static void print(ConfigurableApplicationContext context, LocalDate lastNight, Path database, Path reports, PrintStream out) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT m.region, m.gpu_type, d.instance_count, d.unknown_cost_count, d.gpu_hours, m.cost_usd, m.month_to_date_usd
                FROM v_month_to_date m
                JOIN v_daily_cost d ON d.report_date = m.report_date AND d.region = m.region AND d.gpu_type = m.gpu_type
                WHERE m.report_date = ? ORDER BY m.region, m.gpu_type""")
                .param(lastNight).query().listOfRows();
        Map<String, Object> account = jdbc.sql("SELECT status, difference_usd FROM account_reconciliation WHERE report_date = ?")
                .param(lastNight).query().singleRow();
        out.println();
        out.println("database: " + database.resolve("ledger.mv.db") + " (H2); query it with:");
        out.println("  " + queryHint(context.getEnvironment().getProperty("spring.datasource.url")));
        out.println("reports:  " + reports);
        out.println();
        out.printf("cost of %s by region and GPU type (USD; account reconciliation %s, difference %s):%n", lastNight,
                account.get("status"), money(account.get("difference_usd")));
        out.printf("%-10s %-14s %9s %7s %10s %11s %14s%n", "region", "gpu_type", "instances", "unknown", "gpu_hours",
                "cost", "month_to_date");
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal monthToDate = jdbc.sql("SELECT SUM(month_to_date_usd) FROM v_month_to_date WHERE report_date = ?")
                .param(lastNight).query(BigDecimal.class).single();
        for (Map<String, Object> row : rows) {
            out.printf("%-10s %-14s %9s %7s %10s %11s %14s%n", row.get("region"), row.get("gpu_type"),
                    orZero(row.get("instance_count")), orZero(row.get("unknown_cost_count")), money(row.get("gpu_hours")),
                    money(row.get("cost_usd")), money(row.get("month_to_date_usd")));
            total = total.add(row.get("cost_usd") == null ? BigDecimal.ZERO : (BigDecimal) row.get("cost_usd"));
        }
        out.printf("%-10s %-14s %9s %7s %10s %11s %14s%n", "total", "", "", "", "", money(total), money(monthToDate));
    }

    /** The demo's database is not the one {@code query} reads by default: the hint names it. */
    static String queryHint(String url) {
        return "SPRING_DATASOURCE_URL=" + EnvironmentCommand.quoted(url) + " gpu-ledger query \"SELECT * FROM v_daily_cost\"";
    }

    private static Object orZero(Object value) {
        return value == null ? 0 : value;
    }

    /** Display only: two decimals. The exact amounts are in the database and the CSV files. */
    private static String money(Object value) {
        return value == null ? "unknown" : ((BigDecimal) value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
