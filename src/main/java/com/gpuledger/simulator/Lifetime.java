package com.gpuledger.simulator;

/**
 * Instance k of a fleet slot: it exists over [start, end), epoch seconds, and runs (and accrues) all that time except
 * while stopped, over [stopAt, resumeAt); an instance never stopped has {@code stopAt == resumeAt == end}.
 * {@code pair} is the (region, machine) price key; CPU machines have {@code gpuCount} 0.
 */
record Lifetime(int slot, int k, long start, long end, int pair, int gpuCount, long stopAt, long resumeAt) {

    Lifetime(int slot, int k, long start, long end, int pair, int gpuCount) {
        this(slot, k, start, end, pair, gpuCount, end, end);
    }

    long ref() {
        return ((long) slot << InstanceIds.K_BITS) | k;
    }

    int region() {
        return pair / Catalog.MACHINES.size();
    }

    Catalog.Machine machine() {
        return Catalog.MACHINES.get(pair % Catalog.MACHINES.size());
    }

    /** The factor applied to the per-GPU price: the GPU count, or 1 for a CPU machine. */
    int multiplier() {
        return machine().gpu() ? gpuCount : 1;
    }

    /** The end of accrual as seen at {@code now}. */
    long accruedUntil(long now) {
        return Math.max(start, Math.min(now, end));
    }

    boolean stopsOnce() {
        return stopAt < end;
    }

    /** Whether it is stopped at {@code now} (it still exists and is listed as active). */
    boolean stoppedAt(long now) {
        return now >= stopAt && now < resumeAt;
    }

    /**
     * What {@code running_time} counts at {@code now}: the seconds since it (last) started, frozen while stopped;
     * it starts again from 0 when the instance starts again.
     */
    long runningSeconds(long now) {
        long until = accruedUntil(now);
        if (until <= stopAt) {
            return until - start;
        }
        if (until < resumeAt) {
            return stopAt - start;
        }
        return until - resumeAt;
    }

    /** The cost numerator (0.0001 USD x seconds) accrued during [from, to): nothing while stopped. */
    long numerator(PriceBook prices, long from, long to) {
        long[] sum = {0};
        segments(prices, from, to, (a, b, price) -> sum[0] = Math.addExact(sum[0], (b - a) * price));
        return sum[0];
    }

    /** The constant-price stretches during which it runs within [from, to), prices times the multiplier. */
    void segments(PriceBook prices, long from, long to, PriceBook.SegmentConsumer consumer) {
        long a = Math.max(from, start);
        long b = Math.min(to, end);
        prices.segments(pair, multiplier(), a, Math.min(b, stopAt), consumer);
        prices.segments(pair, multiplier(), Math.max(a, resumeAt), b, consumer);
    }
}
