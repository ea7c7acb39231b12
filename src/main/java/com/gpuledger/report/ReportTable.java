package com.gpuledger.report;

import java.util.List;

/**
 * A table another feature adds to a report set, from one column list: a sheet of the workbook and, when
 * {@code csvFileName} is set, a CSV file of the date's set (listed in its manifest).
 */
public record ReportTable<T>(String sheetName, String csvFileName, List<ReportColumn<T>> columns, List<T> rows,
        boolean totals) {

    public ReportTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
