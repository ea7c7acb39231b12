package com.gpuledger.provider;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One instance as the detail call describes it, parsed exactly. CPU-only instances have {@code gpuType = "CPU"} and
 * {@code gpuCount = 0}. Login names and passwords are never read into it.
 */
public record InstanceDetail(
        String id,
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
        String currency) {

    public static final String CPU_ONLY = "CPU";
}
