package com.gpuledger.report;

import java.util.ArrayList;
import java.util.List;

/** What other features add to a date's report set: tables (sheets and CSV files) and Summary blocks. */
public record ReportContribution(List<ReportTable<?>> tables, List<SummaryTable<?>> summaryTables) {

    public static final ReportContribution NONE = new ReportContribution(List.of(), List.of());

    public ReportContribution {
        tables = List.copyOf(tables);
        summaryTables = List.copyOf(summaryTables);
    }

    ReportContribution and(ReportContribution other) {
        List<ReportTable<?>> allTables = new ArrayList<>(tables);
        allTables.addAll(other.tables);
        List<SummaryTable<?>> allSummaries = new ArrayList<>(summaryTables);
        allSummaries.addAll(other.summaryTables);
        return new ReportContribution(allTables, allSummaries);
    }

    /** The CSV files the tables add, in order. */
    List<ReportTable<?>> csvTables() {
        return tables.stream().filter(table -> table.csvFileName() != null).toList();
    }
}
