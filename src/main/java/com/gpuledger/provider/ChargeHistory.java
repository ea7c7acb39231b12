package com.gpuledger.provider;

import java.util.List;

/**
 * The account's charge history back to a cutoff, in either documented shape: hourly buckets, or transactions whose
 * consumptions are the charges and whose purchases are top-ups.
 */
public record ChargeHistory(List<ChargeHour> hours, List<CreditPurchase> purchases) {
}
