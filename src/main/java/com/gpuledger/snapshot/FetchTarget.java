package com.gpuledger.snapshot;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.gpuledger.provider.FieldNote;

/**
 * One instance to fetch on a report date, with the hourly price its list showed (null when none did or it could not
 * be read: {@code listPriceNote} says why).
 */
record FetchTarget(LocalDate reportDate, String instanceId, SnapshotSource source, BigDecimal listPricePerHour,
                   FieldNote listPriceNote) {

    FetchTarget(LocalDate reportDate, String instanceId, SnapshotSource source, BigDecimal listPricePerHour) {
        this(reportDate, instanceId, source, listPricePerHour, null);
    }
}
