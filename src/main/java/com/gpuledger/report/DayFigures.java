package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The headline numbers of a report date, as its files show them, without the rows: what the metrics export. Read in a
 * few small queries; building the whole {@link DailyReport} for them cost seconds at 100,000 instances.
 *
 * @param totalCostUsd null when every cost of the date is unknown, never 0
 * @param account null when the date has no account reconciliation
 */
public record DayFigures(LocalDate reportDate, BigDecimal totalCostUsd, int unknownCostCount, AccountCheck account,
                         Map<String, Integer> findingsBySeverity) {
}
