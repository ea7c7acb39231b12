package com.gpuledger.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code instance_snapshot}: the provider's cumulative counters of one instance at the moment of the run. */
public record InstanceSnapshot(
        LocalDate reportDate,
        String instanceId,
        Instant fetchedAt,
        SnapshotSource source,
        String region,
        String instanceType,
        String hostName,
        String gpuType,
        int gpuCount,
        Integer cpuCores,
        BigDecimal ramGb,
        BigDecimal diskGb,
        BigDecimal ephemeralGb,
        String os,
        String status,
        Instant startTime,
        boolean startTimeAmbiguous,
        BigDecimal runningHours,
        BigDecimal totalCost,
        BigDecimal pricePerHour,
        String currency,
        long runId) {
}
