package com.gpuledger.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the cost step needs of one snapshot row: the cumulative counters and the labels to group by.
 *
 * @param observedAt the provider's clock when it answered, or null
 */
record CounterReading(
        LocalDate reportDate,
        String instanceId,
        Instant fetchedAt,
        String region,
        String instanceType,
        String gpuType,
        Integer gpuCount,
        String status,
        Instant startTime,
        boolean startTimeAmbiguous,
        BigDecimal runningHours,
        BigDecimal totalCost,
        BigDecimal pricePerHour,
        Instant observedAt) {

    /** When the counters were read by the provider's clock when it said, else by the job's. */
    Instant countersAt() {
        return observedAt != null ? observedAt : fetchedAt;
    }
}
