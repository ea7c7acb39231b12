package com.gpuledger.simulator;

import java.math.BigDecimal;

/**
 * Everything the API shows at one clock value, computed once: active and deleted instances in list order, and the
 * hourly charge buckets from the hour holding genesis up to now (numerators in 0.0001 USD x seconds; with metered
 * charges also the buckets' amounts in 0.0001 USD, else null).
 */
record ClockView(long now, Lifetime[] active, Lifetime[] deleted, long genesisHour, long[] hourNumerators,
        int fullHours, long partialNumerator, long[] hourUnits, long partialUnits) {

    private static final long HOUR = 3_600;

    /** Full hours, plus the current hour when some of it has elapsed. */
    int bucketCount() {
        return fullHours + (hasPartialHour() ? 1 : 0);
    }

    boolean hasPartialHour() {
        return now > genesisHour + (long) fullHours * HOUR;
    }

    /** Bucket i, oldest first. */
    long bucketNumerator(int i) {
        return i < fullHours ? hourNumerators[i] : partialNumerator;
    }

    /** What bucket i charges: its metered amount, or its numerator rounded to 4 decimals. */
    BigDecimal bucketAmount(int i) {
        if (hourUnits == null) {
            return ProviderPayloads.cost(bucketNumerator(i));
        }
        return BigDecimal.valueOf(i < fullHours ? hourUnits[i] : partialUnits, 4);
    }

    /** Whether bucket i is the hour in progress. */
    boolean inProgress(int i) {
        return i >= fullHours;
    }

    long bucketStart(int i) {
        return genesisHour + i * HOUR;
    }

    long bucketEnd(int i) {
        return Math.min(now, bucketStart(i) + HOUR);
    }
}
