package com.gpuledger.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code account_reconciliation}: the date's instance costs against the account's own charges.
 *
 * @param correctionsUsd what the instances' costs include outside the window; the difference is instances - corrections -
 *                       charges
 * @param unknownMaxUsd  the most the instances of unknown cost could have accrued in the window, or null (none unknown,
 *                       or one of unknown price)
 */
public record AccountReconciliation(
        LocalDate reportDate,
        Instant windowStart,
        Instant windowEnd,
        BigDecimal instancesCostUsd,
        BigDecimal correctionsUsd,
        BigDecimal accountChargesUsd,
        BigDecimal differenceUsd,
        BigDecimal boundUsd,
        BigDecimal unknownMaxUsd,
        BigDecimal explainedShare,
        Status status,
        String reason) {

    public enum Status {
        OK, WARN, FAIL
    }
}
