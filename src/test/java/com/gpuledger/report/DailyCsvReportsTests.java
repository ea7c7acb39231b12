package com.gpuledger.report;

import static com.gpuledger.report.ReportFixtures.readCsv;
import static com.gpuledger.report.ReportFixtures.readCsvRows;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyCsvReportsTests {

    @TempDir
    Path reportsDir;

    Path day;

    @BeforeEach
    void publish() throws IOException {
        // given / when
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T06:30:00Z"), ZoneOffset.UTC);
        new ReportPublisher(reportsDir, clock, ReportStorage.local()).publish(ReportFixtures.daily());
        day = reportsDir.resolve("2026-11-24");
    }

    @Test
    void groupedFilesHaveTheContractColumnsAndNoTotalsRow() throws IOException {
        assertThat(readCsv(day.resolve("cost-by-region-2026-11-24.csv")).get(0)).containsExactly("report_date", "region",
                "instance_count", "unknown_cost_count", "gpu_count", "gpu_hours", "cost_usd", "month_to_date_usd",
                "forecast_month_usd");
        assertThat(readCsv(day.resolve("cost-by-gpu-type-2026-11-24.csv")).get(0)).containsExactly("report_date", "gpu_type",
                "instance_count", "unknown_cost_count", "gpu_count", "gpu_hours", "cost_usd", "month_to_date_usd",
                "forecast_month_usd");
        List<String[]> both = readCsv(day.resolve("cost-by-region-gpu-type-2026-11-24.csv"));
        assertThat(both.get(0)).containsExactly("report_date", "region", "gpu_type", "instance_count", "unknown_cost_count",
                "gpu_count", "gpu_hours", "cost_usd", "month_to_date_usd", "forecast_month_usd");
        assertThat(both).hasSize(1 + ReportFixtures.byRegionGpuType().size());
        assertThat(both).noneMatch(line -> String.join(",", line).toLowerCase().contains("total"));
    }

    @Test
    void groupedValuesAreExactAndAnUnknownCostIsEmpty() throws IOException {
        List<Map<String, String>> rows = readCsvRows(day.resolve("cost-by-region-2026-11-24.csv"));
        assertThat(rows.get(0)).containsExactly(Map.entry("report_date", "2026-11-24"), Map.entry("region", "US-EAST"),
                Map.entry("instance_count", "2"), Map.entry("unknown_cost_count", "1"), Map.entry("gpu_count", "16"),
                Map.entry("gpu_hours", "24.0000"), Map.entry("cost_usd", "575.0400"), Map.entry("month_to_date_usd", "12000.5000"),
                Map.entry("forecast_month_usd", "17250.1234"));
        assertThat(rows.get(1)).containsEntry("region", "'+1").containsEntry("cost_usd", "0.12345678");
        assertThat(rows.get(2)).containsEntry("cost_usd", "1000.00000001").containsEntry("month_to_date_usd", "2000.0000");
        assertThat(rows.get(3)).containsEntry("cost_usd", "").containsEntry("unknown_cost_count", "1")
                .containsEntry("forecast_month_usd", "");
    }

    @Test
    void instancesFileHasTheContractColumns() throws IOException {
        List<String[]> lines = readCsv(day.resolve("instances-2026-11-24.csv"));
        assertThat(lines.get(0)).containsExactly("report_date", "instance_id", "host_name", "region", "instance_type",
                "gpu_type", "gpu_count", "status", "start_time", "period_start", "period_end", "running_hours_total",
                "total_cost_usd", "basis", "hours", "cost_usd", "price_per_hour", "expected_cost_usd",
                // the allocation (contracts section 9), after the section 5 columns
                "cost_center", "team", "project", "environment");
        assertThat(lines).hasSize(1 + ReportFixtures.instances().size());
    }

    @Test
    void instancesCarryExactAmountsUtcInstantsAndEmptyUnknowns() throws IOException {
        List<Map<String, String>> rows = readCsvRows(day.resolve("instances-2026-11-24.csv"));
        assertThat(rows.get(0)).containsEntry("start_time", "2026-11-01T13:14:15Z")
                .containsEntry("period_start", "2026-11-24T05:00:00Z").containsEntry("period_end", "2026-11-25T05:00:00Z")
                .containsEntry("running_hours_total", "100.1250").containsEntry("total_cost_usd", "2400.5000")
                .containsEntry("hours", "24.0000").containsEntry("cost_usd", "575.0400").containsEntry("price_per_hour", "23.9600");
        assertThat(rows.get(2)).containsEntry("basis", "BASELINE").containsEntry("hours", "").containsEntry("cost_usd", "");
        assertThat(rows.get(4)).containsEntry("cost_usd", "1000.0000").containsEntry("price_per_hour", "");
        assertThat(rows.get(5)).containsEntry("cost_usd", "0.00000001").containsEntry("gpu_count", "0");
    }

    @Test
    void formulaLikeFreeTextIsNeutralisedAndNumbersAreNot() throws IOException {
        List<Map<String, String>> instances = readCsvRows(day.resolve("instances-2026-11-24.csv"));
        assertThat(instances.get(1)).containsEntry("host_name", "'=HYPERLINK(\"x\")").containsEntry("region", "'+1")
                .containsEntry("instance_type", "'-2 @SUM(A1)").containsEntry("gpu_type", "'@SUM(A1)")
                .containsEntry("status", "'\tfoo");
        assertThat(instances.get(5)).containsEntry("host_name", "'-cpu-box");
        List<Map<String, String>> findings = readCsvRows(day.resolve("findings-2026-11-24.csv"));
        assertThat(findings.get(0)).containsEntry("difference_usd", "-1.2500").containsEntry("detail", "'=cmd|' /C calc'!A0");
        // identifiers and enumerations that do not look like formulas pass unchanged
        assertThat(findings.get(0)).containsEntry("instance_id", "i-1").containsEntry("kind", "COST_MISMATCH");
    }

    @Test
    void carriageReturnIsNeutralisedAndQuoted() throws IOException {
        String text = Files.readString(day.resolve("instances-2026-11-24.csv"), StandardCharsets.UTF_8);
        assertThat(text).contains(",\"'\rbar\",");
    }

    @Test
    void filesAreUtf8WithoutBomRfc4180WithCrlf() throws IOException {
        byte[] bytes = Files.readAllBytes(day.resolve("instances-2026-11-24.csv"));
        assertThat(bytes[0]).isEqualTo((byte) 'r');
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("report_date,instance_id,host_name,").contains("\r\n2026-11-24,i-1,gpu-node-1,US-EAST,")
                .endsWith("\r\n");
        // a field with a quote and a comma is quoted, its quotes doubled
        assertThat(text).contains(",\"node \"\"five\"\", eu\",");
        assertThat(text).doesNotContain("E+").doesNotContain("E-").doesNotContain("$");
    }

    @Test
    void findingsFileHasTheContractColumns() throws IOException {
        List<String[]> lines = readCsv(day.resolve("findings-2026-11-24.csv"));
        assertThat(lines.get(0)).containsExactly("report_date", "scope", "instance_id", "kind", "severity", "expected_usd",
                "actual_usd", "difference_usd", "detail");
        assertThat(lines.get(2)).containsExactly("2026-11-24", "ACCOUNT", "", "ACCOUNT_GAP", "INFO", "", "", "",
                "plain, with a comma");
    }
}
