package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * {@code gpu-cost-M.xlsx}, the month close: Summary (the month at a glance), Daily (per day: cost, unknown-cost count,
 * account reconciliation, with a line chart of the daily cost), Days (day x region x GPU type), By Region and By GPU
 * Type (month totals), each table with a totals row, then the sheets other features contribute (By Cost Center).
 */
final class MonthWorkbook {

    static final String DAILY = "Daily";
    static final String DAYS = "Days";
    static final String BY_REGION = "By Region";
    static final String BY_GPU_TYPE = "By GPU Type";

    private MonthWorkbook() {
    }

    static String fileName(YearMonth month) {
        return "gpu-cost-" + month + ".xlsx";
    }

    /** @return the data rows of all sheets together (headers and totals rows excluded) */
    static long write(MonthReport report, OutputStream out) throws IOException {
        try (ReportWorkbook workbook = new ReportWorkbook(report.appVersion())) {
            List<MonthDay> days = MonthDay.of(report);
            MonthSummarySheet.write(workbook.template.createSheet(MonthSummarySheet.NAME), report, days, workbook.styles);
            long rows = daily(workbook, days, report);
            // instance and GPU counts repeat every day, so only hours and cost are totalled over the days
            rows += workbook.table(DAYS, ReportColumns.MONTH_DAYS, report.dayRegionGpuType(), true);
            rows += workbook.table(BY_REGION, ReportColumns.monthTotals(report.month(), true), report.byRegion(), true);
            rows += workbook.table(BY_GPU_TYPE, ReportColumns.monthTotals(report.month(), false), report.byGpuType(), true);
            for (ReportTable<?> table : report.contributed()) {
                rows += workbook.table(table);
            }
            workbook.write(out);
            return rows;
        }
    }

    private static long daily(ReportWorkbook workbook, List<MonthDay> days, MonthReport report) {
        XSSFSheet sheet = workbook.template.createSheet(DAILY);
        SheetTable<MonthDay> table = new SheetTable<>(sheet, ReportColumns.MONTH_DAILY, workbook.styles);
        days.forEach(table::add);
        long rows = table.finish(true);
        if (days.isEmpty()) {
            return rows;
        }
        List<String> labels = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        for (MonthDay day : days) {
            labels.add(day.date().toString());
            // a day without a report, or whose costs are mostly unknown, is a gap in the line, not a plunge to 0
            costs.add(day.total() == null || day.total().mostlyUnknown() ? null : day.costUsd().doubleValue());
        }
        int columns = ReportColumns.MONTH_DAILY.size();
        SheetCharts.line(sheet, new SheetCharts.Place(columns + 1, 1, columns + 15, 22),
                "Daily cost " + report.month() + " (USD)", "USD", new SheetCharts.Series("cost_usd", labels,
                        new CellRangeAddress(1, days.size(), 0, 0), costs, new CellRangeAddress(1, days.size(), 1, 1)));
        return rows;
    }
}
