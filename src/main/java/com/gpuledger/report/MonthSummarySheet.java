package com.gpuledger.report;

import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * The month workbook's first sheet, the month at a glance: its total, by region and by GPU type, and the account
 * reconciliation of each day. A day without a report is listed "no data", never as 0; a total whose every day is
 * unknown is empty, with the count of unknown costs beside it.
 */
final class MonthSummarySheet {

    static final String NAME = "Summary";

    private final XSSFSheet sheet;
    private final WorkbookStyles styles;
    private int nextRow;
    private int labelWidth = 12;

    private MonthSummarySheet(XSSFSheet sheet, WorkbookStyles styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    static void write(XSSFSheet sheet, MonthReport report, List<MonthDay> days, WorkbookStyles styles) {
        new MonthSummarySheet(sheet, styles).write(report, days);
    }

    private void write(MonthReport report, List<MonthDay> days) {
        SheetCells.text(sheet.createRow(nextRow++), 0, "GPU cost month " + report.month(), styles.title);
        nextRow++;
        long withData = days.stream().filter(day -> day.total() != null).count();
        value("Month", ColumnKind.TEXT, report.month().toString());
        value("Business time zone", ColumnKind.TEXT, report.businessTimeZone().getId());
        value("Days with a report", ColumnKind.INTEGER, withData);
        value("Days without data", ColumnKind.INTEGER, days.size() - withData);

        section("Cost (USD)");
        BigDecimal total = null;
        int unknown = 0;
        for (MonthDay day : days) {
            if (day.costUsd() != null) {
                total = total == null ? day.costUsd() : total.add(day.costUsd());
            }
            unknown += day.unknownCostCount() == null ? 0 : day.unknownCostCount();
        }
        value("Total cost", ColumnKind.MONEY, total);
        value("Unknown costs (instance-days)", ColumnKind.INTEGER, unknown);

        groups("By region", "region", report.byRegion(), true);
        groups("By GPU type", "gpu_type", report.byGpuType(), false);

        section("Account reconciliation per day");
        header("report_date", "status", "difference_usd", "note");
        for (MonthDay day : days) {
            Row row = sheet.createRow(nextRow++);
            SheetCells.put(row, 0, ColumnKind.DATE, day.date(), styles);
            SheetCells.put(row, 1, ColumnKind.TEXT, day.accountStatus(), styles);
            SheetCells.put(row, 2, ColumnKind.MONEY, day.accountDifferenceUsd(), styles);
            SheetCells.put(row, 3, ColumnKind.TEXT, day.note(), styles);
        }

        sheet.setColumnWidth(0, (Math.min(labelWidth, SheetTable.MAX_WIDTH_CHARS) + 2) * 256);
        sheet.setColumnWidth(1, 18 * 256);
        sheet.setColumnWidth(2, 18 * 256);
        sheet.setColumnWidth(3, 12 * 256);
        WorkbookStyles.pageSetup(sheet, 0);
    }

    private void groups(String title, String key, List<GroupedCostRow> groups, boolean byRegion) {
        section(title);
        header(key, "cost_usd", "unknown_cost_count");
        for (GroupedCostRow group : groups) {
            Row row = sheet.createRow(nextRow++);
            String name = byRegion ? group.region() : group.gpuType();
            SheetCells.put(row, 0, ColumnKind.FREE_TEXT, name, styles);
            SheetCells.put(row, 1, ColumnKind.MONEY, group.costUsd(), styles);
            SheetCells.put(row, 2, ColumnKind.INTEGER, group.unknownCostCount(), styles);
            labelWidth = Math.max(labelWidth, name == null ? 0 : name.length());
        }
    }

    private void section(String title) {
        nextRow++;
        SheetCells.text(sheet.createRow(nextRow++), 0, title, styles.section);
    }

    private void header(String... names) {
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < names.length; i++) {
            SheetCells.text(row, i, names[i], styles.header);
        }
    }

    private void value(String label, ColumnKind kind, Object value) {
        Row row = sheet.createRow(nextRow++);
        SheetCells.text(row, 0, label, null);
        labelWidth = Math.max(labelWidth, label.length());
        SheetCells.put(row, 1, kind, value, styles);
    }
}
