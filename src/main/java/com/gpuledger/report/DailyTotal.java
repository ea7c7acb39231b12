package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A day's total cost; {@code costUsd} is null only when every instance of the day has an unknown cost. */
public record DailyTotal(LocalDate reportDate, BigDecimal costUsd, int unknownCostCount, int instanceCount) {

    /**
     * More instances of unknown cost than of known: the total is a fraction of the day's, not a point to compare
     * with other days (charts leave it out, the forecast does not average it).
     */
    public boolean mostlyUnknown() {
        return costUsd == null || 2 * unknownCostCount > instanceCount;
    }
}
