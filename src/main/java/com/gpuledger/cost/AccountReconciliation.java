package com.gpuledger.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code account_reconciliation}: the date's instance costs against the account's own charges. */
public record AccountReconciliation(
        LocalDate reportDate,
        Instant windowStart,
        Instant windowEnd,
        BigDecimal instancesCostUsd,
        BigDecimal accountChargesUsd,
        BigDecimal differenceUsd,
        BigDecimal boundUsd,
        BigDecimal explainedShare,
        Status status,
        String reason) {

    public enum Status {
        OK, WARN, FAIL
    }
}
