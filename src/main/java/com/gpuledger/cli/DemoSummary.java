package com.gpuledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the demo prints at the end: where its outputs are, and the last night at a glance. */
final class DemoSummary {

    private DemoSummary() {
    }

    static void print(ConfigurableApplicationContext context, LocalDate lastNight, Path database, Path reports, PrintStream out) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT region, gpu_type, COUNT(*) AS instances, SUM(gpu_count) AS gpus
                FROM instance_snapshot WHERE report_date = ? GROUP BY region, gpu_type ORDER BY region, gpu_type""")
                .param(lastNight).query().listOfRows();
        out.println();
        out.println("database: " + database.resolve("ledger.mv.db") + " (H2; query it with: gpu-ledger query, or JDBC)");
        out.println("reports:  " + reports);
        out.println();
        out.println("snapshot of " + lastNight + " by region and GPU type:");
        out.printf("%-12s %-16s %9s %6s%n", "region", "gpu_type", "instances", "gpus");
        for (Map<String, Object> row : rows) {
            out.printf("%-12s %-16s %9s %6s%n", row.get("region"), row.get("gpu_type"), row.get("instances"), row.get("gpus"));
        }
    }
}
