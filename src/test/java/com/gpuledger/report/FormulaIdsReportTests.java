package com.gpuledger.report;

import static com.gpuledger.report.ReportFixtures.DATE;
import static com.gpuledger.report.ReportFixtures.PERIOD_END;
import static com.gpuledger.report.ReportFixtures.PERIOD_START;
import static com.gpuledger.report.ReportFixtures.readCsvRows;
import static com.gpuledger.report.ReportFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider text that a spreadsheet would run, in every text column of the human CSVs, instance ids included. */
class FormulaIdsReportTests {

    /** Each id as the provider sent it; the human CSVs must show it behind an apostrophe. */
    static final List<String> FORMULA_IDS = List.of("=1+2", "@A1", "+cmd|' /C calc'!A0", " =1", "\u3000=1", "\uFF1D1",
            "\uFF0B1", "\uFF0D1", "\uFF201", ";=1", "|calc", "-2", "\t=1");

    @TempDir
    Path reportsDir;

    @Test
    void everyTextColumnOfTheHumanCsvsIsNeutralisedAndFocusKeepsTheIds() throws IOException {
        // given: instances named by formula ids, in a region and of a GPU type that are formulas too, and their findings
        List<InstanceCostRow> instances = FORMULA_IDS.stream().map(id -> new InstanceCostRow(DATE, id, " @host", ";region",
                "|type", "\uFF1Dgpu", 1, " +status", Instant.parse("2026-11-01T13:14:15Z"), PERIOD_START, PERIOD_END,
                usd("10"), usd("20"), "DELTA", usd("24"), usd("2.4"), usd("0.1"), usd("2.4"), null, 4)).toList();
        List<FindingRow> findings = FORMULA_IDS.stream().map(id -> new FindingRow(DATE, "INSTANCE", id, "COST_MISMATCH", "WARN",
                usd("1"), usd("2"), usd("-1"), " =detail")).toList();
        List<GroupedCostRow> grouped = List.of(new GroupedCostRow(DATE, ";region", "\uFF1Dgpu", FORMULA_IDS.size(), 0,
                FORMULA_IDS.size(), usd("24"), usd("31.2"), usd("31.2"), usd("40")));
        DailyReport base = ReportFixtures.daily();
        DailyReport report = new DailyReport(base.reportDate(), base.businessTimeZone(), base.periodStart(), base.periodEnd(),
                base.runId(), base.appVersion(), base.billingAccountId(), base.billingAccountName(), base.totalCostUsd(),
                base.unknownCostCount(), base.monthToDateUsd(), base.forecastMonthUsd(), base.forecastMethod(), base.countsByBasis(),
                base.findingsBySeverity(), base.account(), grouped, grouped, grouped, instances::forEach, findings,
                base.last30Days(), base.focus());

        // when
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T06:30:00Z"), ZoneOffset.UTC);
        new ReportPublisher(reportsDir, clock, ReportStorage.local()).publish(report);
        Path day = reportsDir.resolve("2026-11-24");

        // then: ids and every other text behind an apostrophe in the instances and findings files
        List<Map<String, String>> instanceRows = readCsvRows(day.resolve("instances-2026-11-24.csv"));
        assertThat(instanceRows).extracting(row -> row.get("instance_id"))
                .containsExactlyElementsOf(FORMULA_IDS.stream().map(id -> "'" + id).toList());
        assertThat(instanceRows).allSatisfy(row -> assertThat(row).containsEntry("host_name", "' @host")
                .containsEntry("region", "';region").containsEntry("instance_type", "'|type")
                .containsEntry("gpu_type", "'\uFF1Dgpu").containsEntry("status", "' +status").containsEntry("basis", "DELTA"));
        List<Map<String, String>> findingRows = readCsvRows(day.resolve("findings-2026-11-24.csv"));
        assertThat(findingRows).extracting(row -> row.get("instance_id"))
                .containsExactlyElementsOf(FORMULA_IDS.stream().map(id -> "'" + id).toList());
        assertThat(findingRows).allSatisfy(row -> assertThat(row).containsEntry("detail", "' =detail")
                .containsEntry("difference_usd", "-1.0000"));
        // and: the grouped files too
        for (String file : List.of("cost-by-region-gpu-type-2026-11-24.csv")) {
            assertThat(readCsvRows(day.resolve(file)).get(0)).containsEntry("region", "';region")
                    .containsEntry("gpu_type", "'\uFF1Dgpu");
        }
        assertThat(readCsvRows(day.resolve("cost-by-region-2026-11-24.csv")).get(0)).containsEntry("region", "';region");
        assertThat(readCsvRows(day.resolve("cost-by-gpu-type-2026-11-24.csv")).get(0)).containsEntry("gpu_type", "'\uFF1Dgpu");

        // and: FOCUS, a file for tools, keeps every text as it came
        assertThat(readCsvRows(day.resolve("focus-2026-11-24.csv"))).extracting(row -> row.get("ResourceId"))
                .containsExactlyElementsOf(FORMULA_IDS);
        assertThat(readCsvRows(day.resolve("focus-2026-11-24.csv"))).allSatisfy(row -> assertThat(row)
                .containsEntry("ResourceName", " @host").containsEntry("RegionId", ";region").containsEntry("x_GpuModel", "\uFF1Dgpu"));

        // and: the workbook holds each id as it came, in a string cell that no spreadsheet evaluates
        try (XSSFWorkbook workbook = ReportFixtures.readWorkbook(day.resolve("gpu-cost-2026-11-24.xlsx"))) {
            for (int i = 0; i < FORMULA_IDS.size(); i++) {
                Row row = workbook.getSheet("Instances").getRow(i + 1);
                assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(FORMULA_IDS.get(i));
            }
        }
    }
}
