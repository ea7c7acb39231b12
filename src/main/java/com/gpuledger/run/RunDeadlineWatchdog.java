package com.gpuledger.run;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backstop of {@code LEDGER_RUN_DEADLINE}. At the deadline the fetch workers stop taking instances and the run
 * ends by itself, exit 1. Should anything still be running a grace period later (a hung write, a step that does not
 * look at the deadline), this ends the process: the run's row is closed as failed, which releases the lease, and
 * the JVM exits 1, through its shutdown hooks so that the database is closed cleanly, or by a halt if they hang. A run is safe to kill at any moment, so the next night resumes it as after a
 * {@code kill -9}; what it cannot do is hold the lease for ever.
 */
final class RunDeadlineWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunDeadlineWatchdog.class);

    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "run-deadline");
        thread.setDaemon(true);
        return thread;
    });

    RunDeadlineWatchdog(Duration deadline, RunLease.Lease lease, Clock clock) {
        Duration grace = grace(deadline);
        timer.schedule(() -> {
            String message = "the run deadline of " + deadline + " (LEDGER_RUN_DEADLINE) passed and the run had not"
                    + " stopped " + grace.toSeconds() + " s later: the process was ended; what was captured is kept,"
                    + " running the date again goes on from there";
            log.error("{}", message);
            try {
                lease.finish(RunOutcome.failed(message), clock.instant());
            } finally {
                Thread exit = new Thread(() -> System.exit(ExitCode.FAILED.code()), "run-deadline-exit");
                exit.setDaemon(true);
                exit.start();
                try {
                    exit.join(SHUTDOWN_PATIENCE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(ExitCode.FAILED.code());
            }
        }, deadline.plus(grace).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A tenth of the deadline, at least 5 s and at most 2 minutes: time for the workers in flight to finish. */
    static Duration grace(Duration deadline) {
        Duration tenth = deadline.dividedBy(10);
        if (tenth.compareTo(Duration.ofSeconds(5)) < 0) {
            return Duration.ofSeconds(5);
        }
        return tenth.compareTo(Duration.ofMinutes(2)) > 0 ? Duration.ofMinutes(2) : tenth;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
