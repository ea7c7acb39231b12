package com.gpuledger.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** What the cost step needs of one snapshot row: the cumulative counters and the labels to group by. */
record CounterReading(
        LocalDate reportDate,
        String instanceId,
        Instant fetchedAt,
        String region,
        String instanceType,
        String gpuType,
        int gpuCount,
        String status,
        Instant startTime,
        boolean startTimeAmbiguous,
        BigDecimal runningHours,
        BigDecimal totalCost,
        BigDecimal pricePerHour) {
}
