package com.gpuledger.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.gpuledger.provider.FieldNote;

/**
 * A row of {@code instance_snapshot}: the provider's cumulative counters of one instance at the moment of the run,
 * with the notes on its payload's fields (rows of {@code snapshot_field_note}).
 *
 * @param observedAt the provider's clock when it answered, or null when it did not say
 */
public record InstanceSnapshot(
        LocalDate reportDate,
        String instanceId,
        Instant fetchedAt,
        SnapshotSource source,
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
        long runId,
        Instant observedAt,
        List<FieldNote> notes) {

    public InstanceSnapshot {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
