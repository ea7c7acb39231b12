package com.gpuledger.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * The Summary sheet of the daily workbook: label / value / note rows, the blocks other features contribute (Budgets, with
 * its chart), then two small tables that the charts plot (cost by GPU type, the last 30 days). Built with XSSF (it is small) because SXSSF cannot host charts.
 */
final class DailySummarySheet {

    static final String NAME = "Summary";

    static final String NOT_AVAILABLE = "not available";

    static final List<String> CAPTURED_BASES = List.of("DELTA", "MULTI_DAY", "RESET", "NEW");

    private static final List<String> UNCAPTURED_BASES = List.of("BASELINE", "NOT_CAPTURED", "VANISHED");

    private static final List<String> SEVERITIES = List.of("ERROR", "WARN", "INFO");

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private static final int CHART_FIRST_COLUMN = 4;

    private static final int VALUE_WIDTH_CHARS = 20;

    /** The first row below the Summary's two charts. */
    private static final int CONTRIBUTED_FIRST_ROW = 44;

    private static final int CONTRIBUTED_CHART_ROWS = 20;

    private final XSSFSheet sheet;
    private final WorkbookStyles styles;
    private int nextRow;
    private int labelWidth = 10;
    private int noteWidth = 10;
    private Row reasonRow;

    private DailySummarySheet(XSSFSheet sheet, WorkbookStyles styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    static void write(XSSFSheet sheet, DailyReport report, WorkbookStyles styles) {
        new DailySummarySheet(sheet, styles).write(report);
    }

    private void write(DailyReport report) {
        ZoneId zone = report.businessTimeZone();
        SheetCells.text(sheet.createRow(nextRow++), 0, "GPU cost report " + report.reportDate(), styles.title);
        nextRow++;
        value("Report date", ColumnKind.DATE, report.reportDate(), null);
        value("Business time zone", ColumnKind.TEXT, zone.getId(), null);
        value("Period start (UTC)", ColumnKind.INSTANT, report.periodStart(), local(report.periodStart(), zone));
        value("Period end (UTC)", ColumnKind.INSTANT, report.periodEnd(), local(report.periodEnd(), zone));

        section("Cost (USD)");
        value("Total cost", ColumnKind.MONEY, report.totalCostUsd(), unknownNote(report.totalCostUsd(), report.unknownCostCount()));
        value("Month to date", ColumnKind.MONEY, report.monthToDateUsd(),
                report.monthToDateUsd() == null ? "unknown: no cost of the month so far is known" : null);
        value("Forecast for the month (estimate)", ColumnKind.ESTIMATE, report.forecastMonthUsd(),
                "estimate, method: " + report.forecastMethod());

        section("Account reconciliation");
        AccountCheck account = report.account();
        if (account == null) {
            value("Status", ColumnKind.TEXT, NOT_AVAILABLE, null);
        } else {
            value("Status", ColumnKind.TEXT, account.status(), null);
            value("Window start (UTC)", ColumnKind.INSTANT, account.windowStart(), local(account.windowStart(), zone));
            value("Window end (UTC)", ColumnKind.INSTANT, account.windowEnd(), local(account.windowEnd(), zone));
            value("Instances cost (USD)", ColumnKind.MONEY, account.instancesCostUsd(), null);
            value("Account charges (USD)", ColumnKind.MONEY, account.accountChargesUsd(), null);
            value("Difference (USD)", ColumnKind.MONEY, account.differenceUsd(), null);
            value("Bound (USD)", ColumnKind.MONEY, account.boundUsd(), null);
            reason(account.reason());
        }

        section("Instances by basis");
        Map<String, Integer> bases = report.countsByBasis() == null ? Map.of() : report.countsByBasis();
        int captured = 0;
        for (String basis : CAPTURED_BASES) {
            captured += bases.getOrDefault(basis, 0);
        }
        value("Captured", ColumnKind.INTEGER, captured, String.join(" + ", CAPTURED_BASES));
        for (String basis : CAPTURED_BASES) {
            value("  " + basis, ColumnKind.INTEGER, bases.getOrDefault(basis, 0), null);
        }
        value("Baseline (first seen, cost unknown)", ColumnKind.INTEGER, bases.getOrDefault("BASELINE", 0), "BASELINE");
        value("Not captured", ColumnKind.INTEGER, bases.getOrDefault("NOT_CAPTURED", 0), "NOT_CAPTURED");
        value("Vanished", ColumnKind.INTEGER, bases.getOrDefault("VANISHED", 0), "VANISHED");
        others(bases, CAPTURED_BASES, UNCAPTURED_BASES);

        section("Findings by severity");
        Map<String, Integer> severities = report.findingsBySeverity() == null ? Map.of() : report.findingsBySeverity();
        for (String severity : SEVERITIES) {
            value(severity, ColumnKind.INTEGER, severities.getOrDefault(severity, 0), null);
        }
        others(severities, SEVERITIES, List.of());

        section("Generated");
        value("Run id", ColumnKind.INTEGER, report.runId(), null);
        value("App version", ColumnKind.TEXT, report.appVersion(), null);

        // below the two charts beside the rows above
        nextRow = Math.max(nextRow, CONTRIBUTED_FIRST_ROW);
        List<Runnable> contributedCharts = new ArrayList<>();
        for (SummaryTable<?> table : report.contribution().summaryTables()) {
            contributed(table, contributedCharts);
        }
        costByGpuType(report.byGpuType());
        lastDays(report.last30Days());
        // created after the Summary's own two, so those stay the sheet's first charts
        contributedCharts.forEach(Runnable::run);

        sheet.setColumnWidth(0, (Math.min(labelWidth, SheetTable.MAX_WIDTH_CHARS) + 2) * 256);
        sheet.setColumnWidth(1, VALUE_WIDTH_CHARS * 256);
        sheet.setColumnWidth(2, (Math.min(noteWidth, SheetTable.MAX_WIDTH_CHARS) + 2) * 256);
        fitReason();
        WorkbookStyles.pageSetup(sheet, 0);
    }

    /** The reason runs over the value and note columns, wrapped: it never spills under the charts. */
    private void reason(String reason) {
        Row row = sheet.createRow(nextRow++);
        // the label at the top of the row, beside the first line of the text
        SheetCells.text(row, 0, "Reason", styles.wrapped);
        if (reason != null) {
            SheetCells.text(row, 1, reason, styles.wrapped);
            reasonRow = row;
        }
    }

    /** Merged cells do not grow with their text in Excel: the row is given the height of its wrapped lines. */
    private void fitReason() {
        if (reasonRow == null) {
            return;
        }
        sheet.addMergedRegion(new CellRangeAddress(reasonRow.getRowNum(), reasonRow.getRowNum(), 1, 2));
        int widthChars = VALUE_WIDTH_CHARS + Math.min(noteWidth, SheetTable.MAX_WIDTH_CHARS) + 2;
        int lines = 0;
        for (String line : reasonRow.getCell(1).getStringCellValue().split("\n", -1)) {
            lines += Math.max(1, (line.length() + widthChars - 1) / widthChars);
        }
        reasonRow.setHeightInPoints(Math.min(lines, 40) * sheet.getDefaultRowHeightInPoints());
    }

    /** Beside a total: how many instances it leaves out, and empty (never 0) when it knows none of them. */
    static String unknownNote(java.math.BigDecimal total, int unknown) {
        if (unknown == 0) {
            return null;
        }
        String instances = unknown + (unknown == 1 ? " instance" : " instances");
        return total == null ? "unknown: the cost of all " + instances + " is unknown"
                : "known costs only: " + instances + " of unknown cost not included";
    }

    private void costByGpuType(List<GroupedCostRow> rows) {
        section("Cost by GPU type (chart data)");
        tableHeader("gpu_type", "cost_usd", "unknown_cost_count");
        int first = nextRow;
        List<String> categories = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (GroupedCostRow group : rows) {
            Row row = sheet.createRow(nextRow++);
            SheetCells.put(row, 0, ColumnKind.TEXT, group.gpuType(), styles);
            SheetCells.put(row, 1, ColumnKind.MONEY, group.costUsd(), styles);
            SheetCells.put(row, 2, ColumnKind.INTEGER, group.unknownCostCount(), styles);
            categories.add(String.valueOf(group.gpuType()));
            values.add(group.costUsd() == null ? null : group.costUsd().doubleValue());
            labelWidth = Math.max(labelWidth, String.valueOf(group.gpuType()).length());
        }
        if (rows.isEmpty()) {
            SheetCells.text(sheet.createRow(nextRow++), 0, "no GPU type had a cost: no chart", null);
            return;
        }
        SheetCharts.bar(sheet, new SheetCharts.Place(CHART_FIRST_COLUMN, 0, CHART_FIRST_COLUMN + 9, 20),
                "Cost by GPU type (USD)", "USD", new SheetCharts.Series("cost_usd", categories,
                        new CellRangeAddress(first, nextRow - 1, 0, 0), values, new CellRangeAddress(first, nextRow - 1, 1, 1)));
    }

    private void lastDays(List<DailyTotal> days) {
        section("Last 30 days (chart data)");
        tableHeader("report_date", "cost_usd", "unknown_cost_count", "note");
        int first = nextRow;
        List<String> categories = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Map<LocalDate, DailyTotal> byDate = new HashMap<>();
        days.forEach(day -> byDate.put(day.reportDate(), day));
        // a day without a report between the first and the last is listed as such, a gap in the chart, never a 0
        LocalDate last = days.isEmpty() ? null : days.get(days.size() - 1).reportDate();
        for (LocalDate date = days.isEmpty() ? null : days.get(0).reportDate(); date != null && !date.isAfter(last);
             date = date.plusDays(1)) {
            DailyTotal day = byDate.get(date);
            Row row = sheet.createRow(nextRow++);
            SheetCells.put(row, 0, ColumnKind.DATE, date, styles);
            if (day == null) {
                SheetCells.text(row, 3, MonthDay.NO_DATA, null);
            } else {
                SheetCells.put(row, 1, ColumnKind.MONEY, day.costUsd(), styles);
                SheetCells.put(row, 2, ColumnKind.INTEGER, day.unknownCostCount(), styles);
            }
            categories.add(date.toString());
            // a day whose costs are mostly unknown is a gap, not a plunge; its table row shows what is known
            values.add(day == null || day.mostlyUnknown() ? null : day.costUsd().doubleValue());
        }
        if (days.isEmpty()) {
            SheetCells.text(sheet.createRow(nextRow++), 0, "no daily totals yet: no chart", null);
            return;
        }
        SheetCharts.line(sheet, new SheetCharts.Place(CHART_FIRST_COLUMN, 22, CHART_FIRST_COLUMN + 13, 42),
                "Daily cost, last 30 days (USD)", "USD", new SheetCharts.Series("cost_usd", categories,
                        new CellRangeAddress(first, nextRow - 1, 0, 0), values, new CellRangeAddress(first, nextRow - 1, 1, 1)));
    }

    /** A block another feature adds (allocation's Budgets): its table, and (added to {@code charts}) a bar chart beside it. */
    private <T> void contributed(SummaryTable<T> table, List<Runnable> charts) {
        section(table.title());
        List<ReportColumn<T>> columns = table.columns();
        int headerRow = nextRow;
        tableHeader(columns.stream().map(ReportColumn::sheetHeader).toArray(String[]::new));
        int first = nextRow;
        for (T item : table.rows()) {
            Row row = sheet.createRow(nextRow++);
            for (int i = 0; i < columns.size(); i++) {
                Object value = columns.get(i).valueOf(item);
                SheetCells.put(row, i, columns.get(i).kind(), value, styles);
                if (i == 0) {
                    labelWidth = Math.max(labelWidth, SheetCells.displayLength(columns.get(i).kind(), value));
                }
            }
        }
        for (int i = 3; i < columns.size(); i++) {
            sheet.setColumnWidth(i, (Math.min(Math.max(columns.get(i).sheetHeader().length(), 12), SheetTable.MAX_WIDTH_CHARS) + 2) * 256);
        }
        if (table.rows().isEmpty()) {
            SheetCells.text(sheet.createRow(nextRow++), 0, table.emptyNote(), null);
            return;
        }
        if (table.barColumns().isEmpty()) {
            return;
        }
        int last = nextRow - 1;
        int categoryColumn = columnIndex(columns, table.categoryColumn());
        List<String> categories = table.rows().stream()
                .map(item -> String.valueOf(columns.get(categoryColumn).valueOf(item))).toList();
        List<SheetCharts.Series> series = new ArrayList<>();
        for (String name : table.barColumns()) {
            int column = columnIndex(columns, name);
            List<Double> values = table.rows().stream().map(item -> columns.get(column).valueOf(item))
                    .map(value -> value == null ? null : ((Number) value).doubleValue()).toList();
            series.add(new SheetCharts.Series(name, categories, new CellRangeAddress(first, last, categoryColumn, categoryColumn),
                    values, new CellRangeAddress(first, last, column, column)));
        }
        int chartColumn = columns.size() + 1;
        charts.add(() -> SheetCharts.bars(sheet, new SheetCharts.Place(chartColumn, headerRow, chartColumn + 10,
                headerRow + CONTRIBUTED_CHART_ROWS), table.chartTitle(), "USD", series));
        nextRow = Math.max(nextRow, headerRow + CONTRIBUTED_CHART_ROWS + 1);
    }

    private static <T> int columnIndex(List<ReportColumn<T>> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in the summary table");
    }

    private void section(String title) {
        nextRow++;
        SheetCells.text(sheet.createRow(nextRow++), 0, title, styles.section);
    }

    private void tableHeader(String... names) {
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < names.length; i++) {
            SheetCells.text(row, i, names[i], styles.header);
        }
    }

    private void value(String label, ColumnKind kind, Object value, String note) {
        Row row = sheet.createRow(nextRow++);
        SheetCells.text(row, 0, label, null);
        labelWidth = Math.max(labelWidth, label.length());
        SheetCells.put(row, 1, kind, value, styles);
        if (note != null) {
            SheetCells.text(row, 2, note, null);
            noteWidth = Math.max(noteWidth, note.length());
        }
    }

    /** Keys the sheet does not name are still shown, sorted, so no count is silently dropped. */
    private void others(Map<String, Integer> counts, List<String> named, List<String> alsoNamed) {
        for (String key : new TreeSet<>(counts.keySet())) {
            if (!named.contains(key) && !alsoNamed.contains(key)) {
                value(key, ColumnKind.INTEGER, counts.get(key), null);
            }
        }
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant == null ? null : LOCAL_TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }
}
