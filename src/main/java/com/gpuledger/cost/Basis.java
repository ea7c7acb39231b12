package com.gpuledger.cost;

/** How a day's cost of an instance was obtained; the last three mean it is unknown (NULL, never zero). */
public enum Basis {
    /** Today's cumulative value minus yesterday's. */
    DELTA,
    /** The previous snapshot is older than yesterday: the delta spans several days, booked today. */
    MULTI_DAY,
    /** A cumulative value decreased, so the counter restarted: today's value is the cumulative value itself. */
    RESET,
    /** First seen, and started since the previous run: its whole total is today's. */
    NEW,
    /** First seen, but started before the previous run: today's cost is unknown. */
    BASELINE,
    /** The fetch failed today. */
    NOT_CAPTURED,
    /** The provider no longer knows the instance. */
    VANISHED;

    public boolean costKnown() {
        return this != BASELINE && this != NOT_CAPTURED && this != VANISHED;
    }
}
