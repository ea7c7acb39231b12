package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code gpu-cost-D.xlsx}: Summary (with charts), the three grouped sheets, the sheets other features contribute (By Cost
 * Center), Instances and Findings. The instances are added as the day's one read of them hands them over; the file is
 * written when the workbook is finished.
 */
final class DailyWorkbook implements RowWriter<InstanceCostRow> {

    static final String BY_REGION = "By Region";
    static final String BY_GPU_TYPE = "By GPU Type";
    static final String BY_REGION_GPU_TYPE = "Region x GPU Type";
    static final String INSTANCES = "Instances";
    static final String FINDINGS = "Findings";

    private final DailyReport report;
    private final OutputStream out;
    private final ReportWorkbook workbook;
    private final SheetTable<InstanceCostRow> instances;
    /** The data rows of the table sheets together (headers, totals rows and the Summary excluded). */
    private long rows;

    private DailyWorkbook(DailyReport report, OutputStream out, ReportWorkbook workbook) throws IOException {
        this.report = report;
        this.out = out;
        this.workbook = workbook;
        DailySummarySheet.write(workbook.template.createSheet(DailySummarySheet.NAME), report, workbook.styles);
        rows = workbook.table(BY_REGION, ReportColumns.BY_REGION, report.byRegion(), true);
        rows += workbook.table(BY_GPU_TYPE, ReportColumns.BY_GPU_TYPE, report.byGpuType(), true);
        rows += workbook.table(BY_REGION_GPU_TYPE, ReportColumns.BY_REGION_GPU_TYPE, report.byRegionGpuType(), true);
        for (ReportTable<?> table : report.contribution().tables()) {
            rows += workbook.table(table);
        }
        instances = workbook.table(INSTANCES, ReportColumns.INSTANCES);
    }

    /** Writes every sheet before Instances; the instances follow with {@link #add}, the rest on {@link #finish}. */
    static DailyWorkbook open(DailyReport report, OutputStream out) throws IOException {
        ReportWorkbook workbook = new ReportWorkbook(report.appVersion());
        try {
            return new DailyWorkbook(report, out, workbook);
        } catch (IOException | RuntimeException e) {
            try {
                workbook.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void add(InstanceCostRow row) throws IOException {
        instances.add(row);
    }

    /** Ends Instances, writes Findings and the file; @return the data rows of the table sheets together */
    @Override
    public long finish() throws IOException {
        rows += instances.finish(true);
        // findings of different kinds do not add up: no totals row
        rows += workbook.table(FINDINGS, ReportColumns.FINDINGS, report.findings(), false);
        workbook.write(out);
        return rows;
    }

    /** Removes the workbook's temp files. */
    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
