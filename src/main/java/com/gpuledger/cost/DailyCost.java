package com.gpuledger.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code daily_instance_cost}. {@code hours} and {@code costUsd} are null exactly when the basis is unknown. */
public record DailyCost(
        LocalDate reportDate,
        String instanceId,
        String region,
        String instanceType,
        String gpuType,
        Integer gpuCount,
        Basis basis,
        BigDecimal hours,
        BigDecimal costUsd,
        BigDecimal pricePerHour,
        BigDecimal expectedCostUsd,
        Instant periodStart,
        Instant periodEnd,
        Integer daysCovered) {
}
