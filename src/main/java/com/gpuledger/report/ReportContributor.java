package com.gpuledger.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A feature that adds to the report sets (a Spring bean; e.g. allocation's cost-by-cost-center file and Budgets block).
 * Called inside the report's read-only transaction, so its rows agree with the rest of the set.
 */
public interface ReportContributor {

    /** What the date's set gets; its CSV file names must be of the date. */
    ReportContribution day(LocalDate reportDate);

    /** The sheets the month-close workbook gets. */
    List<ReportTable<?>> month(YearMonth month);
}
