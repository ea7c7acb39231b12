package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code gpu-cost-D.xlsx}: Summary (with charts), the three grouped sheets, the sheets other features contribute (By Cost
 * Center), Instances and Findings.
 */
final class DailyWorkbook {

    static final String BY_REGION = "By Region";
    static final String BY_GPU_TYPE = "By GPU Type";
    static final String BY_REGION_GPU_TYPE = "Region x GPU Type";
    static final String INSTANCES = "Instances";
    static final String FINDINGS = "Findings";

    private DailyWorkbook() {
    }

    /**
     * Writes the workbook; instances are streamed from the report's source in one pass.
     *
     * @return the data rows of the table sheets together (headers, totals rows and the Summary excluded)
     */
    static long write(DailyReport report, OutputStream out) throws IOException {
        try (ReportWorkbook workbook = new ReportWorkbook(report.appVersion())) {
            DailySummarySheet.write(workbook.template.createSheet(DailySummarySheet.NAME), report, workbook.styles);
            long rows = workbook.table(BY_REGION, ReportColumns.BY_REGION, report.byRegion(), true);
            rows += workbook.table(BY_GPU_TYPE, ReportColumns.BY_GPU_TYPE, report.byGpuType(), true);
            rows += workbook.table(BY_REGION_GPU_TYPE, ReportColumns.BY_REGION_GPU_TYPE, report.byRegionGpuType(), true);
            for (ReportTable<?> table : report.contribution().tables()) {
                rows += workbook.table(table);
            }
            rows += workbook.table(INSTANCES, ReportColumns.INSTANCES, report.instances(), true);
            // findings of different kinds do not add up: no totals row
            rows += workbook.table(FINDINGS, ReportColumns.FINDINGS, report.findings(), false);
            workbook.write(out);
            return rows;
        }
    }
}
