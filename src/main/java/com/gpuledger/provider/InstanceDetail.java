package com.gpuledger.provider;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One instance as the detail call describes it, parsed exactly. CPU-only instances have {@code gpuType = "CPU"} and
 * {@code gpuCount = 0}. A descriptive field that could not be read is null and noted in {@code notes}; the id and the
 * counters are always there. Login names and passwords are never read into it.
 *
 * @param observedAt the provider's clock when it answered (its {@code Date} header), or null when it sent none
 * @param notes      unreadable fields, unknown field names and missing known fields of the payload
 */
public record InstanceDetail(
        String id,
        String region,
        String instanceType,
        String hostName,
        String gpuType,
        Integer gpuCount,
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
        Instant observedAt,
        List<FieldNote> notes) {

    public static final String CPU_ONLY = "CPU";
}
