package com.gpuledger.snapshot;

import java.time.Duration;

/** The run's deadline ({@code LEDGER_RUN_DEADLINE}) passed: no further instance is fetched, what was captured stays. */
public class RunDeadlineException extends RuntimeException {

    RunDeadlineException(Duration deadline, int pending) {
        super("the run deadline of " + deadline + " (LEDGER_RUN_DEADLINE) passed with " + pending + " instances still to"
                + " fetch; what was captured is kept, running the date again fetches the rest", null, false, false);
    }
}
