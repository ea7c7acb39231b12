package com.gpuledger.snapshot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** Logs the fetch's progress every few seconds on long runs: done / total, rate, mean time per instance, time left. */
class FetchProgress implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(FetchProgress.class);
    private static final Duration EVERY = Duration.ofSeconds(5);

    private final SnapshotRepository snapshots;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong busyNanos = new AtomicLong();
    private volatile ScheduledExecutorService ticker;
    private volatile int total;
    private volatile long startNanos;

    FetchProgress(SnapshotRepository snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        total = snapshots.targetCounts(stepExecution.getJobParameters().getLocalDate("reportDate")).pending();
        done.set(0);
        busyNanos.set(0);
        startNanos = System.nanoTime();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fetch-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::report, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        log.info("fetching {} instances", total);
    }

    /** One instance done, after {@code nanos} of fetching (retries included). */
    void itemDone(long nanos) {
        done.incrementAndGet();
        busyNanos.addAndGet(nanos);
    }

    private void report() {
        int count = done.get();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double rate = elapsed > 0 ? count / elapsed : 0;
        long left = rate > 0 ? Math.round((total - count) / rate) : -1;
        log.info("fetched {} / {} ({} per second, {} ms per instance, about {} s left)", count, total, Math.round(rate),
                count == 0 ? "-" : Long.toString(busyNanos.get() / count / 1_000_000), left < 0 ? "?" : Long.toString(left));
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        ticker.shutdownNow();
        report();
        return stepExecution.getExitStatus();
    }
}
