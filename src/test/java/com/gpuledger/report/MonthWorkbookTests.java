package com.gpuledger.report;

import static com.gpuledger.report.DailyWorkbookTests.assertAmount;
import static com.gpuledger.report.DailyWorkbookTests.assertBlank;
import static com.gpuledger.report.DailyWorkbookTests.assertDate;
import static com.gpuledger.report.DailyWorkbookTests.assertRowsMatch;
import static com.gpuledger.report.DailyWorkbookTests.assertTotals;
import static com.gpuledger.report.DailyWorkbookTests.rowOf;
import static com.gpuledger.report.DailyWorkbookTests.summary;
import static com.gpuledger.report.DailyWorkbookTests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonthWorkbookTests {

    @TempDir
    Path reportsDir;

    MonthReport month = ReportFixtures.month();

    Publication publication;

    XSSFWorkbook workbook;

    @BeforeEach
    void publish() throws IOException {
        publication = new ReportPublisher(reportsDir).publish(month);
        workbook = ReportFixtures.readWorkbook(reportsDir.resolve("2026-11/gpu-cost-2026-11.xlsx"));
    }

    @AfterEach
    void close() throws IOException {
        workbook.close();
    }

    @Test
    void theMonthFolderHoldsOnlyItsWorkbook() throws IOException {
        assertThat(publication.directory()).isEqualTo(reportsDir.resolve("2026-11"));
        try (var files = Files.list(publication.directory())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("gpu-cost-2026-11.xlsx");
        }
        assertThat(publication.files()).singleElement().satisfies(file -> assertThat(file.name()).isEqualTo("gpu-cost-2026-11.xlsx"));
    }

    @Test
    void sheetsInOrder() {
        assertThat(workbook).extracting(Sheet::getSheetName).containsExactly("Summary", "Daily", "Days", "By Region", "By GPU Type");
    }

    @Test
    void dailySheetListsEveryDayMarksTheMissingOneAndTotalsExactly() {
        XSSFSheet daily = workbook.getSheet("Daily");
        assertThat(texts(daily.getRow(0))).containsExactly("report_date", "cost_usd", "unknown_cost_count", "account_status",
                "account_instances_cost_usd", "account_charges_usd", "account_difference_usd", "account_bound_usd",
                "account_reason", "note");
        assertDate(daily.getRow(1).getCell(0), LocalDate.of(2026, 11, 1));
        Row missing = daily.getRow(3);
        assertDate(missing.getCell(0), LocalDate.of(2026, 11, 3));
        assertBlank(missing.getCell(1));
        assertThat(missing.getCell(3).getStringCellValue()).isEqualTo("not available");
        assertThat(missing.getCell(9).getStringCellValue()).isEqualTo("no data");
        assertThat(daily.getRow(4).getCell(3).getStringCellValue()).isEqualTo("WARN");
        assertThat(daily.getRow(4).getCell(8).getStringCellValue()).isEqualTo("=odd reason");
        List<MonthDay> days = MonthDay.of(month);
        assertThat(days).hasSize(5);
        assertRowsMatch(daily, ReportColumns.MONTH_DAILY, days);
        assertTotals(daily, ReportColumns.MONTH_DAILY, days);
        assertAmount(daily.getRow(6).getCell(1), new BigDecimal("4600.32"));
    }

    @Test
    void summaryGivesTheMonthAtAGlanceAndMarksTheDayWithoutData() {
        XSSFSheet summary = workbook.getSheet("Summary");
        assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo("GPU cost month 2026-11");
        assertThat(summary(summary).get("Days with a report").getNumericCellValue()).isEqualTo(4.0);
        assertThat(summary(summary).get("Days without data").getNumericCellValue()).isEqualTo(1.0);
        // four days of 1150.08: the sum of the days' totals, exactly
        assertAmount(summary(summary).get("Total cost"), new BigDecimal("4600.32"));
        assertThat(summary(summary).get("Unknown costs (instance-days)").getNumericCellValue()).isEqualTo(4.0);
        Row region = summary.getRow(rowOf(summary, "region") + 1);
        assertThat(region.getCell(0).getStringCellValue()).isEqualTo("US-EAST");
        assertAmount(region.getCell(1), new BigDecimal("4600.32"));
        // EU-NORTH's every cost is unknown: empty, with its count
        Row unknown = summary.getRow(rowOf(summary, "region") + 2);
        assertBlank(unknown.getCell(1));
        assertThat(unknown.getCell(2).getNumericCellValue()).isEqualTo(4.0);
        int days = rowOf(summary, "report_date") + 1;
        assertDate(summary.getRow(days + 2).getCell(0), LocalDate.of(2026, 11, 3));
        assertThat(summary.getRow(days + 2).getCell(1).getStringCellValue()).isEqualTo("not available");
        assertThat(summary.getRow(days + 2).getCell(3).getStringCellValue()).isEqualTo("no data");
        assertThat(summary.getRow(days + 3).getCell(1).getStringCellValue()).isEqualTo("WARN");
        assertThat(summary.getPrintSetup().getLandscape()).isTrue();
    }

    @Test
    void dailySheetCarriesALineChartOfTheDailyCost() {
        var charts = workbook.getSheet("Daily").getDrawingPatriarch().getCharts();
        assertThat(charts).hasSize(1);
        var series = charts.get(0).getCTChart().getPlotArea().getLineChartArray(0).getSerArray(0);
        assertThat(series.getVal().getNumRef().getF()).isEqualTo("Daily!$B$2:$B$6");
        assertThat(series.getCat().getStrRef().getF()).isEqualTo("Daily!$A$2:$A$6");
    }

    @Test
    void dayAndMonthTotalSheetsMatchTheirRowsAndTotals() {
        assertRowsMatch(workbook.getSheet("Days"), ReportColumns.MONTH_DAYS, month.dayRegionGpuType());
        assertTotals(workbook.getSheet("Days"), ReportColumns.MONTH_DAYS, month.dayRegionGpuType());
        List<ReportColumn<GroupedCostRow>> byRegion = ReportColumns.monthTotals(YearMonth.of(2026, 11), true);
        assertRowsMatch(workbook.getSheet("By Region"), byRegion, month.byRegion());
        assertTotals(workbook.getSheet("By Region"), byRegion, month.byRegion());
        List<ReportColumn<GroupedCostRow>> byGpuType = ReportColumns.monthTotals(YearMonth.of(2026, 11), false);
        assertRowsMatch(workbook.getSheet("By GPU Type"), byGpuType, month.byGpuType());
        assertTotals(workbook.getSheet("By GPU Type"), byGpuType, month.byGpuType());
        assertThat(workbook.getSheet("By Region").getRow(1).getCell(0).getStringCellValue()).isEqualTo("2026-11");
        assertBlank(workbook.getSheet("By Region").getRow(2).getCell(6));
    }

    @Test
    void anEmptyMonthStillWritesItsSheets(@TempDir Path other) throws IOException {
        MonthReport empty = new MonthReport(YearMonth.of(2026, 12), ReportFixtures.ZONE, "0.1.0-test", List.of(), List.of(),
                List.of(), List.of(), java.util.Map.of());
        new ReportPublisher(other).publish(empty);
        try (XSSFWorkbook read = ReportFixtures.readWorkbook(other.resolve("2026-12/gpu-cost-2026-12.xlsx"))) {
            assertThat(read).extracting(Sheet::getSheetName).containsExactly("Summary", "Daily", "Days", "By Region", "By GPU Type");
            assertThat(read.getSheet("By Region").getRow(1).getCell(0).getStringCellValue()).isEqualTo("Total");
            assertThat(read.getSheet("By Region").getRow(1).getCell(6).getNumericCellValue()).isZero();
        }
    }
}
