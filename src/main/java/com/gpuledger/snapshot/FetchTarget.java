package com.gpuledger.snapshot;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One instance to fetch on a report date, with the hourly price its list showed (null when none did). */
record FetchTarget(LocalDate reportDate, String instanceId, SnapshotSource source, BigDecimal listPricePerHour) {
}
