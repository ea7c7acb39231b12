package com.gpuledger.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How a {@link ProviderSimulator} behaves. The fleet is a pure function of (seed, fleetSize, genesis); faults are a
 * pure function of (seed, path, attempt).
 *
 * @param seed              drives every draw
 * @param fleetSize         number of slots; each holds one instance after another
 * @param genesis           start of the charge history (its hour is the first bucket)
 * @param initialNow        the simulated clock at construction
 * @param latencyMs         sleep before answering each {@code /api/v1} request
 * @param errorRate         share of requests answered 500
 * @param throttleRate      share of requests answered 429 with {@code Retry-After}
 * @param malformedRate     share of instance-detail requests answered 200 with truncated JSON
 * @param token             the accepted bearer token
 * @param pageCap           the most items a page holds, whatever limit is asked for
 * @param retryAfterSeconds the {@code Retry-After} value of a 429
 * @param deletedRetentionDays how long a deleted instance stays in the deleted list (0: for ever), as a provider
 *                             that purges old deletions would behave
 */
public record SimulatorSettings(long seed, int fleetSize, Instant genesis, Instant initialNow, int latencyMs,
        double errorRate, double throttleRate, double malformedRate, String token, int pageCap,
        int retryAfterSeconds, int deletedRetentionDays) {

    public SimulatorSettings {
        if (fleetSize < 0 || latencyMs < 0 || pageCap < 1 || retryAfterSeconds < 0 || deletedRetentionDays < 0) {
            throw new IllegalArgumentException("fleetSize, latencyMs and retryAfterSeconds must be >= 0, pageCap >= 1");
        }
        requireRate("errorRate", errorRate);
        requireRate("throttleRate", throttleRate);
        requireRate("malformedRate", malformedRate);
        if (genesis == null || initialNow == null || token == null || token.isBlank()) {
            throw new IllegalArgumentException("genesis, initialNow and a non-blank token are required");
        }
        genesis = genesis.truncatedTo(ChronoUnit.SECONDS);
        initialNow = initialNow.truncatedTo(ChronoUnit.SECONDS);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + rate);
        }
    }

    /**
     * Genesis at the start of now's UTC day minus 60 days; no latency, no faults; token "demo", pages of at most
     * 50, {@code Retry-After: 1}.
     */
    public static SimulatorSettings defaults(long seed, int fleetSize, Instant now) {
        Instant genesis = now.truncatedTo(ChronoUnit.DAYS).minus(60, ChronoUnit.DAYS);
        return new SimulatorSettings(seed, fleetSize, genesis, now, 0, 0, 0, 0, "demo", 50, 1, 0);
    }

    public SimulatorSettings withLatencyMs(int latencyMs) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    public SimulatorSettings withErrorRate(double errorRate) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    public SimulatorSettings withThrottleRate(double throttleRate) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    public SimulatorSettings withMalformedRate(double malformedRate) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    public SimulatorSettings withToken(String token) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    public SimulatorSettings withGenesis(Instant genesis) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    public SimulatorSettings withInitialNow(Instant initialNow) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    public SimulatorSettings withPageCap(int pageCap) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    public SimulatorSettings withRetryAfterSeconds(int retryAfterSeconds) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "SimulatorSettings[seed=" + seed + ", fleetSize=" + fleetSize + ", genesis=" + genesis
                + ", initialNow=" + initialNow + ", latencyMs=" + latencyMs + ", errorRate=" + errorRate
                + ", throttleRate=" + throttleRate + ", malformedRate=" + malformedRate + ", pageCap=" + pageCap
                + ", retryAfterSeconds=" + retryAfterSeconds + "]";
    }

    public SimulatorSettings withDeletedRetentionDays(int deletedRetentionDays) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays);
    }
}
