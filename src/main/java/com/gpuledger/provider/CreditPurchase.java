package com.gpuledger.provider;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A purchase of credits (card or crypto) in the charge history's transaction shape: a top-up of the prepaid balance,
 * not a cost.
 *
 * @param expireTime when the credits expire, or null when they do not (or it was not said)
 */
public record CreditPurchase(String purchaseId, Instant createdAt, BigDecimal creditAmount, String status,
                             Instant expireTime, String accountId) {
}
