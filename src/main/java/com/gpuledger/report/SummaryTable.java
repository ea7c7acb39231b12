package com.gpuledger.report;

import java.util.List;

/**
 * A block another feature adds to the Summary sheet: a titled small table and, when {@code barColumns} is not empty,
 * a clustered bar chart beside it with one bar per named column for each row, labelled by {@code categoryColumn}.
 */
public record SummaryTable<T>(String title, List<ReportColumn<T>> columns, List<T> rows, String chartTitle,
        String categoryColumn, List<String> barColumns, String emptyNote) {

    public SummaryTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        barColumns = List.copyOf(barColumns);
    }
}
