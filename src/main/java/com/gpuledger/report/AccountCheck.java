package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;

/** The account reconciliation of a date: the instances' cost against the provider's hourly charges; status OK, WARN or FAIL. */
public record AccountCheck(Instant windowStart, Instant windowEnd, BigDecimal instancesCostUsd, BigDecimal accountChargesUsd,
        BigDecimal differenceUsd, BigDecimal boundUsd, String status, String reason) {
}
