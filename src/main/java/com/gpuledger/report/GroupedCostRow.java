package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One group of a day's (or month's) cost. {@code region} is null in the by-GPU-type rows, {@code gpuType} null in the
 * by-region rows. {@code costUsd} is null only when every instance of the group has an unknown cost (it is then shown
 * empty, never 0). {@code forecastMonthUsd} is an estimate (scale 4) and never feeds a total.
 */
public record GroupedCostRow(LocalDate reportDate, String region, String gpuType, int instanceCount, int unknownCostCount,
        int gpuCount, BigDecimal gpuHours, BigDecimal costUsd, BigDecimal monthToDateUsd, BigDecimal forecastMonthUsd) {
}
