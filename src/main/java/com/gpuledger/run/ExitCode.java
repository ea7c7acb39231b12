package com.gpuledger.run;

/** Exit codes of every command (contracts section 3): what cron and monitoring see. */
public enum ExitCode {
    /** Done: every instance captured, reconciliation OK or WARN, reports written. */
    OK(0),
    /** Failed: API unreachable, token refused, list inconsistent, database down, reports not writable. Rerun is safe. */
    FAILED(1),
    /** Done, but some instances could not be captured. */
    PARTIAL(2),
    /** Done and all captured, but the account reconciliation failed or there is an ERROR finding. */
    DISCREPANCY(3),
    /** Usage or configuration error. */
    USAGE(64),
    /** Another run holds the lease. */
    LEASE_HELD(75);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
