package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A day's total cost; {@code costUsd} is null only when every instance of the day has an unknown cost. */
public record DailyTotal(LocalDate reportDate, BigDecimal costUsd, int unknownCostCount) {
}
