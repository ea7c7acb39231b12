package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.gpuledger.report.focus.FocusFile;

/** Writes every file of a report date into a folder, {@code manifest.json} last. */
final class DailyReportFiles {

    private DailyReportFiles() {
    }

    /** The files of section 5 a date's manifest lists, in the contract's order (contributed CSVs follow them). */
    static List<String> names(LocalDate date) {
        return List.of("gpu-cost-" + date + ".xlsx", "cost-by-region-" + date + ".csv", "cost-by-gpu-type-" + date + ".csv",
                "cost-by-region-gpu-type-" + date + ".csv", "instances-" + date + ".csv", "findings-" + date + ".csv",
                "focus-" + date + ".csv");
    }

    /**
     * The workbook, the instances CSV and the FOCUS file are fed by one read of the day's instances, all three open at
     * once; the other files are written from the report's lists.
     *
     * @return the files the manifest lists, in the contract's order
     */
    static List<PublishedFile> write(DailyReport report, ReportFolder folder, Instant generatedAt) throws IOException {
        List<String> names = names(report.reportDate());
        List<PublishedFile> fromInstances = folder.write(report.instances(), List.of(
                new ReportFolder.RowFile<>(names.get(0), out -> DailyWorkbook.open(report, out)),
                new ReportFolder.RowFile<>(names.get(4), out -> CsvTable.of(out, ReportColumns.INSTANCES)),
                new ReportFolder.RowFile<>(names.get(6), out -> FocusFile.open(out, report))));
        List<PublishedFile> files = new ArrayList<>();
        files.add(fromInstances.get(0));
        files.add(folder.write(names.get(1), out -> CsvTable.write(out, ReportColumns.BY_REGION, report.byRegion())));
        files.add(folder.write(names.get(2), out -> CsvTable.write(out, ReportColumns.BY_GPU_TYPE, report.byGpuType())));
        files.add(folder.write(names.get(3), out -> CsvTable.write(out, ReportColumns.BY_REGION_GPU_TYPE, report.byRegionGpuType())));
        files.add(fromInstances.get(1));
        files.add(folder.write(names.get(5), out -> CsvTable.write(out, ReportColumns.FINDINGS, report.findings())));
        files.add(fromInstances.get(2));
        for (ReportTable<?> table : report.contribution().csvTables()) {
            files.add(folder.write(table.csvFileName(), out -> csv(out, table)));
        }
        List<PublishedFile> listed = List.copyOf(files);
        folder.write(Manifest.NAME, out -> Manifest.write(out, report, generatedAt, listed));
        return listed;
    }

    private static <T> long csv(OutputStream out, ReportTable<T> table) throws IOException {
        return CsvTable.write(out, table.columns(), table.rows());
    }
}
