package com.gpuledger.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A {@code run} that has ended, however it ended (refused, lease held, failed, done), as the features that watch runs
 * see it: delivery and metrics.
 *
 * @param reportDate null when the run ended before it knew its date (its application could not start)
 * @param outcome what {@code ledger_run} records; its exit code is what cron sees
 * @param startedAt the job's clock (the simulator's in the demo), as {@code ledger_run.started_at}
 * @param duration measured on the machine's monotonic clock, whatever the job's clock says
 * @param reportsPublished true when the date's report set was written by this run (exit 0, 2 or 3)
 */
public record RunEnded(LocalDate reportDate, RunOutcome outcome, Instant startedAt, Instant endedAt, Duration duration,
                       boolean reportsPublished) {

    public ExitCode exitCode() {
        return outcome.exitCode();
    }
}
