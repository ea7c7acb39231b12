package com.gpuledger.allocation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of {@code cost-by-cost-center-D.csv}: an allocation's cost on the date and in the month, and the budget of
 * its cost center ({@code budgetStatus} {@code NONE} and the other budget fields null when it has none). For the
 * month workbook's sheet, {@code reportDate} is the month's last date and the figures are the month's.
 */
record CostCenterRow(LocalDate reportDate, String costCenter, String team, String project, String environment,
        int instanceCount, int unknownCostCount, BigDecimal gpuHours, BigDecimal costUsd, BigDecimal monthToDateUsd,
        BigDecimal forecastMonthUsd, BigDecimal budgetUsd, BigDecimal budgetUsedShare, String budgetStatus) {
}
