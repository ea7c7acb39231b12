package com.gpuledger.report;

import static com.gpuledger.report.ReportFixtures.at4;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFShape;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyWorkbookTests {

    @TempDir
    Path reportsDir;

    XSSFWorkbook workbook;

    @BeforeEach
    void publish() throws IOException {
        new ReportPublisher(reportsDir).publish(ReportFixtures.daily());
        workbook = ReportFixtures.readWorkbook(reportsDir.resolve("2026-11-24/gpu-cost-2026-11-24.xlsx"));
    }

    @AfterEach
    void close() throws IOException {
        workbook.close();
    }

    @Test
    void textReadsBackAsWrittenWhetherCopiedInOnePieceOrEscaped(@TempDir Path other) throws IOException {
        // given: plain text (non-ASCII too) is copied at once; what POI escapes or replaces is left to it
        String plain = "Z\u00fcrich \u2013 \u6771\u4eac, node 7";
        String awkward = "<a & \"b\"> \t\n\r \u00a0 \uD83D\uDE00 \u0001 \uFFFE \uD800x \uDC00 end";
        RowSource<InstanceCostRow> rows = List.of(named("i-1", plain), named("i-2", awkward))::forEach;

        // when
        new ReportPublisher(other).publish(ReportFixtures.daily(rows));

        // then: POI's own rule for the rest (controls and U+FFFE become '?'), and a surrogate without its other half too
        try (XSSFWorkbook written = ReportFixtures.readWorkbook(other.resolve("2026-11-24/gpu-cost-2026-11-24.xlsx"))) {
            Sheet instances = written.getSheet("Instances");
            assertThat(instances.getRow(1).getCell(2).getStringCellValue()).isEqualTo(plain);
            assertThat(instances.getRow(2).getCell(2).getStringCellValue())
                    .isEqualTo("<a & \"b\"> \t\n\r \u00a0 \uD83D\uDE00 ? ? ?x ? end");
        }
    }

    private static InstanceCostRow named(String id, String hostName) {
        BigDecimal hours = new BigDecimal("24.0000");
        BigDecimal price = new BigDecimal("23.96");
        return new InstanceCostRow(ReportFixtures.DATE, id, hostName, "US-EAST", "8x-H100", "H100-80G-SXM", 8, "Running",
                ReportFixtures.PERIOD_START, ReportFixtures.PERIOD_START, ReportFixtures.PERIOD_END, hours, price.multiply(hours),
                "DELTA", hours, price.multiply(hours), price, price.multiply(hours), null, 24);
    }

    @Test
    void sheetsInOrder() {
        assertThat(workbook).extracting(Sheet::getSheetName)
                .containsExactly("Summary", "By Region", "By GPU Type", "Region x GPU Type", "Instances", "Findings");
    }

    @Test
    void groupedSheetHasAFrozenFilteredHeaderAndTypedCells() {
        XSSFSheet sheet = workbook.getSheet("By Region");
        assertThat(texts(sheet.getRow(0))).containsExactly("report_date", "region", "instance_count", "unknown_cost_count",
                "gpu_count", "gpu_hours", "cost_usd", "month_to_date_usd", "forecast_month_usd (estimate)");
        PaneInformation pane = sheet.getPaneInformation();
        assertThat(pane.isFreezePane()).isTrue();
        assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
        assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:I5");
        // widths come from the text, not from autoSizeColumn: the header fits
        assertThat(sheet.getColumnWidth(8)).isGreaterThanOrEqualTo("forecast_month_usd (estimate)".length() * 256);

        Row row = sheet.getRow(2);
        assertDate(row.getCell(0), LocalDate.of(2026, 11, 24));
        assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
        assertThat(row.getCell(1).getStringCellValue()).isEqualTo("+1");
        assertThat(row.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(row.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0");
        assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(1.0);
        assertThat(row.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("#,##0.0000");
        assertAmount(row.getCell(6), new BigDecimal("0.12345678"));
        assertAmount(row.getCell(8), new BigDecimal("4.1000"));
    }

    @Test
    void everySheetPrintsLandscapeOnePageWideWithItsHeaderOnEveryPage() {
        for (Sheet sheet : workbook) {
            assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
            assertThat(sheet.getPrintSetup().getLandscape()).as(sheet.getSheetName()).isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).as(sheet.getSheetName()).isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getFitHeight()).as(sheet.getSheetName()).isZero();
            if (sheet.getSheetName().equals("Summary")) {
                assertThat(sheet.getRepeatingRows()).isNull();
            } else {
                assertThat(sheet.getRepeatingRows()).as(sheet.getSheetName()).isEqualTo(new CellRangeAddress(0, 0, -1, -1));
            }
        }
    }

    @Test
    void theSummarysReasonIsWrappedOverItsOwnCellsAndTheChartsSitBesideTheText() {
        XSSFSheet sheet = workbook.getSheet("Summary");
        Cell reason = summary(sheet).get("Reason");
        assertThat(reason.getCellStyle().getWrapText()).isTrue();
        assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(reason.getRowIndex(), reason.getRowIndex(), 1, 2));
        // the charts start at column E; no text is written there or beyond, none runs over from D
        List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
        for (XSSFShape shape : sheet.getDrawingPatriarch().getShapes()) {
            assertThat((int) ((XSSFClientAnchor) shape.getAnchor()).getCol1()).isEqualTo(4);
        }
        for (Row row : sheet) {
            for (Cell cell : row) {
                assertThat(cell.getColumnIndex()).as("cell %s", cell.getAddress()).isLessThan(4);
                if (cell.getColumnIndex() == 3) {
                    assertThat(cell.getStringCellValue().length() * 256).isLessThanOrEqualTo(sheet.getColumnWidth(3));
                }
            }
        }
        // and: their value axes read as money
        for (XSSFChart chart : charts) {
            assertThat(chart.getCTChart().getPlotArea().getValAxArray(0).getNumFmt().getFormatCode()).isEqualTo("$#,##0");
        }
    }

    @Test
    void aDayWithoutAReportIsMarkedNoDataAmongTheLastThirtyDays(@TempDir Path other) throws IOException {
        // given: the last 30 days lack one day
        DailyReport day = ReportFixtures.daily();
        List<DailyTotal> withGap = day.last30Days().stream()
                .filter(total -> !total.reportDate().equals(LocalDate.of(2026, 11, 10))).toList();
        new ReportPublisher(other).publish(new DailyReport(day.reportDate(), day.businessTimeZone(), day.periodStart(),
                day.periodEnd(), day.runId(), day.appVersion(), day.billingAccountId(), day.billingAccountName(),
                day.totalCostUsd(), day.unknownCostCount(), day.monthToDateUsd(), day.forecastMonthUsd(), day.forecastMethod(),
                day.countsByBasis(), day.findingsBySeverity(), day.account(), day.byRegion(), day.byGpuType(),
                day.byRegionGpuType(), day.instances(), day.findings(), withGap, day.focus()));

        // then: the day is listed, no cost, "no data"; the chart still spans the 30 days
        try (XSSFWorkbook read = ReportFixtures.readWorkbook(other.resolve("2026-11-24/gpu-cost-2026-11-24.xlsx"))) {
            XSSFSheet sheet = read.getSheet("Summary");
            int dayTable = rowOf(sheet, "report_date") + 1;
            Row missing = sheet.getRow(dayTable + 15);
            assertDate(missing.getCell(0), LocalDate.of(2026, 11, 10));
            assertBlank(missing.getCell(1));
            assertThat(missing.getCell(3).getStringCellValue()).isEqualTo("no data");
            var line = sheet.getDrawingPatriarch().getCharts().get(1).getCTChart().getPlotArea().getLineChartArray(0).getSerArray(0);
            assertThat(line.getCat().getStrRef().getStrCache().getPtCount().getVal()).isEqualTo(30);
        }
    }

    @Test
    void everyGroupedCellEqualsTheStoredValueAtFourDecimals() {
        assertRowsMatch(workbook.getSheet("By Region"), ReportColumns.BY_REGION, ReportFixtures.byRegion());
        assertRowsMatch(workbook.getSheet("By GPU Type"), ReportColumns.BY_GPU_TYPE, ReportFixtures.byGpuType());
        assertRowsMatch(workbook.getSheet("Region x GPU Type"), ReportColumns.BY_REGION_GPU_TYPE, ReportFixtures.byRegionGpuType());
        assertRowsMatch(workbook.getSheet("Instances"), ReportColumns.INSTANCES, ReportFixtures.instances());
        assertRowsMatch(workbook.getSheet("Findings"), ReportColumns.FINDINGS, ReportFixtures.findings());
    }

    @Test
    void anUnknownCostIsAnEmptyCellAndItsCountIsShown() {
        Row apSouth = workbook.getSheet("By Region").getRow(4);
        assertThat(apSouth.getCell(1).getStringCellValue()).isEqualTo("AP-SOUTH");
        assertBlank(apSouth.getCell(6));
        assertThat(apSouth.getCell(3).getNumericCellValue()).isEqualTo(1.0);
        Row baseline = workbook.getSheet("Instances").getRow(3);
        assertThat(baseline.getCell(13).getStringCellValue()).isEqualTo("BASELINE");
        assertBlank(baseline.getCell(14));
        assertBlank(baseline.getCell(15));
    }

    @Test
    void totalsRowsAreExactSumsWrittenAsValues() {
        assertTotals(workbook.getSheet("By Region"), ReportColumns.BY_REGION, ReportFixtures.byRegion());
        assertTotals(workbook.getSheet("By GPU Type"), ReportColumns.BY_GPU_TYPE, ReportFixtures.byGpuType());
        assertTotals(workbook.getSheet("Region x GPU Type"), ReportColumns.BY_REGION_GPU_TYPE, ReportFixtures.byRegionGpuType());
        assertTotals(workbook.getSheet("Instances"), ReportColumns.INSTANCES, ReportFixtures.instances());
        Row totals = workbook.getSheet("By Region").getRow(5);
        // 575.04 + 0.12345678 + 1000.00000001 (the unknown group adds nothing)
        assertThat(at4(totals.getCell(6).getNumericCellValue())).isEqualByComparingTo("1575.1635");
        assertThat(totals.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("$#,##0.00");
        // the forecast is an estimate: never totalled
        assertBlank(totals.getCell(8));
        // findings of different kinds do not add up
        assertThat(workbook.getSheet("Findings").getLastRowNum()).isEqualTo(ReportFixtures.findings().size());
    }

    @Test
    void instantsAreDateCellsInUtc() {
        XSSFSheet sheet = workbook.getSheet("Instances");
        assertThat(texts(sheet.getRow(0))).contains("start_time (UTC)", "period_start (UTC)", "period_end (UTC)");
        Cell start = sheet.getRow(1).getCell(8);
        assertThat(start.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(start.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
        assertThat(start.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 1, 13, 14, 15));
        assertThat(sheet.getRow(1).getCell(9).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 24, 5, 0, 0));
    }

    @Test
    void formulaLikeTextStaysTextInStringCells() {
        Row row = workbook.getSheet("Instances").getRow(2);
        assertThat(List.of(2, 3, 4, 5, 7)).allSatisfy(column -> assertThat(row.getCell(column).getCellType()).isEqualTo(CellType.STRING));
        assertThat(row.getCell(2).getStringCellValue()).isEqualTo(ReportFixtures.HYPERLINK);
        assertThat(row.getCell(3).getStringCellValue()).isEqualTo("+1");
        assertThat(row.getCell(5).getStringCellValue()).isEqualTo("@SUM(A1)");
        assertThat(row.getCell(7).getStringCellValue()).isEqualTo("\tfoo");
        Row finding = workbook.getSheet("Findings").getRow(1);
        assertThat(finding.getCell(8).getStringCellValue()).isEqualTo("=cmd|' /C calc'!A0");
        assertAmount(finding.getCell(7), new BigDecimal("-1.25"));
        for (Sheet sheet : workbook) {
            for (Row any : sheet) {
                for (Cell cell : any) {
                    assertThat(cell.getCellType()).as("%s!%s", sheet.getSheetName(), cell.getAddress()).isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }

    @Test
    void summaryHoldsTheDayAtAGlance() {
        Map<String, Cell> summary = summary(workbook.getSheet("Summary"));
        assertDate(summary.get("Report date"), LocalDate.of(2026, 11, 24));
        assertThat(summary.get("Business time zone").getStringCellValue()).isEqualTo("America/New_York");
        assertThat(summary.get("Period start (UTC)").getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 24, 5, 0));
        assertThat(note(summary.get("Period start (UTC)"))).isEqualTo("2026-11-24 00:00 America/New_York");
        assertAmount(summary.get("Total cost"), new BigDecimal("1575.16345679"));
        assertAmount(summary.get("Month to date"), new BigDecimal("14013.75"));
        assertAmount(summary.get("Forecast for the month (estimate)"), new BigDecimal("47250.1235"));
        assertThat(note(summary.get("Forecast for the month (estimate)"))).isEqualTo("estimate, method: LINEAR_RUN_RATE");
        assertThat(summary.get("Status").getStringCellValue()).isEqualTo("OK");
        assertAmount(summary.get("Difference (USD)"), new BigDecimal("-0.03654321"));
        assertAmount(summary.get("Bound (USD)"), new BigDecimal("15.7516"));
        assertThat(summary.get("Reason").getStringCellValue()).isEqualTo("within bound");
        assertThat(summary.get("Captured").getNumericCellValue()).isEqualTo(4.0);
        assertThat(summary.get("Baseline (first seen, cost unknown)").getNumericCellValue()).isEqualTo(1.0);
        assertThat(summary.get("Not captured").getNumericCellValue()).isEqualTo(1.0);
        assertThat(summary.get("Vanished").getNumericCellValue()).isEqualTo(0.0);
        assertThat(summary.get("ERROR").getNumericCellValue()).isEqualTo(0.0);
        assertThat(summary.get("WARN").getNumericCellValue()).isEqualTo(1.0);
        assertThat(summary.get("Run id").getNumericCellValue()).isEqualTo(42.0);
        assertThat(summary.get("App version").getStringCellValue()).isEqualTo("0.1.0-test");
    }

    @Test
    void summaryChartsPlotTheTablesBesideThem() {
        XSSFSheet sheet = workbook.getSheet("Summary");
        List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
        assertThat(charts).hasSize(2);
        int gpuTable = rowOf(sheet, "gpu_type") + 1;
        int dayTable = rowOf(sheet, "report_date") + 1;
        var bar = charts.get(0).getCTChart().getPlotArea().getBarChartArray(0).getSerArray(0);
        assertThat(bar.getCat().getStrRef().getF()).isEqualTo("Summary!$A$%d:$A$%d", gpuTable + 1, gpuTable + 4);
        assertThat(bar.getVal().getNumRef().getF()).isEqualTo("Summary!$B$%d:$B$%d", gpuTable + 1, gpuTable + 4);
        assertThat(bar.getVal().getNumRef().getNumCache().getPtCount().getVal()).isEqualTo(4);
        assertThat(sheet.getRow(gpuTable).getCell(0).getStringCellValue()).isEqualTo("H100-80G-SXM");
        assertAmount(sheet.getRow(gpuTable).getCell(1), new BigDecimal("575.04"));
        var line = charts.get(1).getCTChart().getPlotArea().getLineChartArray(0).getSerArray(0);
        assertThat(line.getVal().getNumRef().getF()).isEqualTo("Summary!$B$%d:$B$%d", dayTable + 1, dayTable + 30);
        assertThat(line.getCat().getStrRef().getStrCache().getPtCount().getVal()).isEqualTo(30);
        assertDate(sheet.getRow(dayTable + 29).getCell(0), LocalDate.of(2026, 11, 24));
        // the day whose every cost is unknown is a gap, not a zero: an empty cell, no cached point, blanks drawn as gaps
        assertBlank(sheet.getRow(dayTable + 26).getCell(1));
        assertThat(line.getVal().getNumRef().getNumCache().getPtList()).extracting(pt -> (int) pt.getIdx())
                .doesNotContain(26).hasSize(29);
        assertThat(charts.get(1).getCTChart().getDispBlanksAs().getVal())
                .isEqualTo(org.openxmlformats.schemas.drawingml.x2006.chart.STDispBlanksAs.GAP);
    }

    @Test
    void aDayWhoseCostsAreAllUnknownShowsNoNumberButTheCount(@TempDir Path other) throws IOException {
        // given: a first night, every instance a baseline
        DailyReport base = ReportFixtures.daily();
        List<DailyTotal> days = new java.util.ArrayList<>(base.last30Days());
        days.set(28, new DailyTotal(days.get(28).reportDate(), new BigDecimal("3.5"), 190, 200)); // mostly unknown
        DailyReport allUnknown = new DailyReport(base.reportDate(), base.businessTimeZone(), base.periodStart(),
                base.periodEnd(), base.runId(), base.appVersion(), base.billingAccountId(), base.billingAccountName(),
                null, 200, null, null, base.forecastMethod(), java.util.Map.of("BASELINE", 200), base.findingsBySeverity(),
                base.account(), base.byRegion(), base.byGpuType(), base.byRegionGpuType(), action -> { }, base.findings(), days,
                base.focus());

        // when
        new ReportPublisher(other).publish(allUnknown);

        // then: empty totals with the unknown count beside them, in the workbook and the manifest
        try (XSSFWorkbook book = ReportFixtures.readWorkbook(other.resolve("2026-11-24/gpu-cost-2026-11-24.xlsx"))) {
            XSSFSheet sheet = book.getSheet("Summary");
            for (String label : List.of("Total cost", "Month to date", "Forecast for the month (estimate)")) {
                Cell value = sheet.getRow(rowOf(sheet, label)).getCell(1);
                assertThat(value == null || value.getCellType() == CellType.BLANK).as(label).isTrue();
            }
            assertThat(sheet.getRow(rowOf(sheet, "Total cost")).getCell(2).getStringCellValue())
                    .isEqualTo("unknown: the cost of all 200 instances is unknown");
            var line = sheet.getDrawingPatriarch().getCharts().get(1).getCTChart().getPlotArea().getLineChartArray(0).getSerArray(0);
            // the mostly-unknown day keeps its known part in the table, and is a gap in the line
            int dayTable = rowOf(sheet, "report_date") + 1;
            assertAmount(sheet.getRow(dayTable + 28).getCell(1), new BigDecimal("3.5"));
            assertThat(line.getVal().getNumRef().getNumCache().getPtList()).extracting(pt -> (int) pt.getIdx())
                    .doesNotContain(26, 28);
        }
        var manifest = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(java.nio.file.Files.readString(other.resolve("2026-11-24/manifest.json")));
        assertThat(manifest.get("totals").get("cost_usd").isNull()).isTrue();
        assertThat(manifest.get("totals").get("unknown_cost_count").asInt()).isEqualTo(200);
    }

    @Test
    void anAbsentReconciliationSaysSo(@TempDir Path other) throws IOException {
        new ReportPublisher(other).publish(ReportFixtures.emptyDay());
        try (XSSFWorkbook empty = ReportFixtures.readWorkbook(other.resolve("2026-11-24/gpu-cost-2026-11-24.xlsx"))) {
            assertThat(summary(empty.getSheet("Summary")).get("Status").getStringCellValue()).isEqualTo("not available");
            assertThat(empty.getSheet("Summary").getDrawingPatriarch()).isNull();
        }
    }

    static <T> void assertRowsMatch(Sheet sheet, List<ReportColumn<T>> columns, List<T> items) {
        for (int r = 0; r < items.size(); r++) {
            Row row = sheet.getRow(r + 1);
            for (int c = 0; c < columns.size(); c++) {
                ReportColumn<T> column = columns.get(c);
                Object value = column.valueOf(items.get(r));
                Cell cell = row.getCell(c);
                String where = sheet.getSheetName() + " row " + (r + 2) + " " + column.name();
                if (value == null) {
                    assertThat(cell).as(where).satisfiesAnyOf(blank -> assertThat(blank).isNull(),
                            blank -> assertThat(blank.getCellType()).isEqualTo(CellType.BLANK));
                } else if (value instanceof BigDecimal amount) {
                    assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
                    assertThat(at4(cell.getNumericCellValue())).as(where).isEqualByComparingTo(at4(amount));
                } else if (value instanceof Number number) {
                    assertThat(cell.getNumericCellValue()).as(where).isEqualTo(number.doubleValue());
                } else if (value instanceof String text) {
                    assertThat(cell.getCellType()).as(where).isEqualTo(CellType.STRING);
                    assertThat(cell.getStringCellValue()).as(where).isEqualTo(text);
                } else {
                    assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
                }
            }
        }
    }

    static <T> void assertTotals(Sheet sheet, List<ReportColumn<T>> columns, List<T> items) {
        Row totals = sheet.getRow(items.size() + 1);
        assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("Total");
        assertThat(sheet.getLastRowNum()).isEqualTo(items.size() + 1);
        for (int c = 0; c < columns.size(); c++) {
            ReportColumn<T> column = columns.get(c);
            if (!column.summed()) {
                continue;
            }
            Function<T, ?> value = column.value()::apply;
            BigDecimal sum = items.stream().map(value).filter(Objects::nonNull)
                    .map(v -> v instanceof BigDecimal amount ? amount : BigDecimal.valueOf(((Number) v).longValue()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Cell cell = totals.getCell(c);
            assertThat(cell.getCellType()).as("%s total of %s", sheet.getSheetName(), column.name()).isEqualTo(CellType.NUMERIC);
            assertThat(at4(cell.getNumericCellValue())).as("%s total of %s", sheet.getSheetName(), column.name())
                    .isEqualByComparingTo(at4(sum));
        }
    }

    /** Money: shown as currency to the cent, the cell holding the stored value (to 4 decimals at least). */
    static void assertAmount(Cell cell, BigDecimal stored) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("$#,##0.00");
        assertThat(at4(cell.getNumericCellValue())).isEqualByComparingTo(at4(stored));
    }

    static void assertDate(Cell cell, LocalDate date) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
        assertThat(cell.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(date);
    }

    static void assertBlank(Cell cell) {
        assertThat(cell == null || cell.getCellType() == CellType.BLANK).isTrue();
    }

    static List<String> texts(Row row) {
        return java.util.stream.StreamSupport.stream(row.spliterator(), false).map(Cell::getStringCellValue).toList();
    }

    /** The Summary's value cells by their label in column A (the first occurrence of a label). */
    static Map<String, Cell> summary(Sheet sheet) {
        Map<String, Cell> values = new HashMap<>();
        for (Row row : sheet) {
            Cell label = row.getCell(0);
            if (label != null && label.getCellType() == CellType.STRING && row.getCell(1) != null) {
                values.putIfAbsent(label.getStringCellValue().strip(), row.getCell(1));
            }
        }
        return values;
    }

    static int rowOf(Sheet sheet, String firstCell) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(firstCell)) {
                return row.getRowNum();
            }
        }
        throw new AssertionError(firstCell + " not found on " + sheet.getSheetName());
    }

    static String note(Cell value) {
        return value.getRow().getCell(2).getStringCellValue();
    }
}
