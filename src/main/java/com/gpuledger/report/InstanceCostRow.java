package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One instance's cost for a report date. {@code basis} is DELTA, MULTI_DAY, RESET, NEW, BASELINE, NOT_CAPTURED or
 * VANISHED; {@code hours} and {@code costUsd} are null exactly for the last three. {@code resourceType} and
 * {@code cpuCores} only feed the FOCUS file (its resource type, {@code Virtual Machine} when null, and a CPU-only SKU).
 * {@code allocation} is who it belongs to (never null).
 */
public record InstanceCostRow(LocalDate reportDate, String instanceId, String hostName, String region, String instanceType,
        String gpuType, Integer gpuCount, String status, Instant startTime, Instant periodStart, Instant periodEnd,
        BigDecimal runningHoursTotal, BigDecimal totalCostUsd, String basis, BigDecimal hours, BigDecimal costUsd,
        BigDecimal pricePerHour, BigDecimal expectedCostUsd, String resourceType, Integer cpuCores,
        CostAllocation allocation) {

    public InstanceCostRow {
        if (allocation == null) {
            allocation = CostAllocation.NONE;
        }
    }

    /** A row with no allocation stored: {@code unallocated}. */
    public InstanceCostRow(LocalDate reportDate, String instanceId, String hostName, String region, String instanceType,
            String gpuType, Integer gpuCount, String status, Instant startTime, Instant periodStart, Instant periodEnd,
            BigDecimal runningHoursTotal, BigDecimal totalCostUsd, String basis, BigDecimal hours, BigDecimal costUsd,
            BigDecimal pricePerHour, BigDecimal expectedCostUsd, String resourceType, Integer cpuCores) {
        this(reportDate, instanceId, hostName, region, instanceType, gpuType, gpuCount, status, startTime, periodStart,
                periodEnd, runningHoursTotal, totalCostUsd, basis, hours, costUsd, pricePerHour, expectedCostUsd, resourceType,
                cpuCores, CostAllocation.NONE);
    }
}
