package com.gpuledger.metrics;

import java.nio.file.Path;
import java.util.Map;

import com.gpuledger.run.RunEnded;

/**
 * The metrics of a {@code run} whose application could not start (a database that is down at start, a bad
 * configuration): its exit code and times, the last success kept from the previous file. Without it such a night would
 * leave the previous file, and only the "no success for 26 hours" alert would tell.
 */
public final class UnstartedRunMetrics {

    /**
     * Set by {@code run --metrics} alone: a person's manual run, right or mistaken, never overwrites what monitoring
     * reads. Not in the configuration metadata, so no environment variable can set it ({@code LEDGER_METRICS_SCHEDULED_RUN}
     * is an unknown name).
     */
    public static final String SCHEDULED_RUN = "ledger.metrics.scheduled-run";

    private UnstartedRunMetrics() {
    }

    /** @param environment the effective environment: {@code LEDGER_METRICS_FILE}, else the default under {@code home} */
    public static void write(Map<String, String> environment, Path home, RunEnded run) {
        String configured = environment.get("LEDGER_METRICS_FILE");
        Path file = MetricsConfiguration.file(configured == null || configured.isBlank() ? null : Path.of(configured), home);
        new RunMetricsFile(file, null, () -> {
            throw new IllegalStateException("the application did not start");
        }, DeliveryStates.unreadable("the application did not start")).runEnded(run);
    }
}
