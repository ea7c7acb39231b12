package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A reconciliation finding of a report date; {@code scope} is INSTANCE or ACCOUNT, {@code severity} INFO, WARN or ERROR. */
public record FindingRow(LocalDate reportDate, String scope, String instanceId, String kind, String severity,
        BigDecimal expectedUsd, BigDecimal actualUsd, BigDecimal differenceUsd, String detail) {
}
