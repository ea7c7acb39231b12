package com.gpuledger.provider;

import java.math.BigDecimal;
import java.time.Instant;

/** One hourly bucket of the account's charges, as {@code /users/credits/history} reports it. */
public record ChargeHour(Instant bucketStart, Instant bucketEnd, BigDecimal computingAmount, BigDecimal serverlessAmount,
                         BigDecimal total, String accountId) {
}
