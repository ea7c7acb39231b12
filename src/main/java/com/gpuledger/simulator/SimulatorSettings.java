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
 * @param realism           how much the simulated world moves like the real one ({@link Realism#NONE}: not at all)
 * @param transactionHistory the charge history in its transaction shape (consumptions and purchases of credits)
 *                           instead of hourly buckets: the provider documents both
 */
public record SimulatorSettings(long seed, int fleetSize, Instant genesis, Instant initialNow, int latencyMs,
        double errorRate, double throttleRate, double malformedRate, String token, int pageCap,
        int retryAfterSeconds, int deletedRetentionDays, Realism realism, boolean transactionHistory) {

    public SimulatorSettings {
        if (fleetSize < 0 || latencyMs < 0 || pageCap < 1 || retryAfterSeconds < 0 || deletedRetentionDays < 0) {
            throw new IllegalArgumentException("fleetSize, latencyMs and retryAfterSeconds must be >= 0, pageCap >= 1");
        }
        requireRate("errorRate", errorRate);
        requireRate("throttleRate", throttleRate);
        requireRate("malformedRate", malformedRate);
        if (genesis == null || initialNow == null || token == null || token.isBlank() || realism == null) {
            throw new IllegalArgumentException("genesis, initialNow, a non-blank token and realism are required");
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
        return new SimulatorSettings(seed, fleetSize, genesis, now, 0, 0, 0, 0, "demo", 50, 1, 0, Realism.NONE, false);
    }

    public SimulatorSettings withLatencyMs(int latencyMs) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withErrorRate(double errorRate) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withThrottleRate(double throttleRate) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withMalformedRate(double malformedRate) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withToken(String token) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withGenesis(Instant genesis) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withInitialNow(Instant initialNow) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withPageCap(int pageCap) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withRetryAfterSeconds(int retryAfterSeconds) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "SimulatorSettings[seed=" + seed + ", fleetSize=" + fleetSize + ", genesis=" + genesis
                + ", initialNow=" + initialNow + ", latencyMs=" + latencyMs + ", errorRate=" + errorRate
                + ", throttleRate=" + throttleRate + ", malformedRate=" + malformedRate + ", pageCap=" + pageCap
                + ", retryAfterSeconds=" + retryAfterSeconds + ", deletedRetentionDays=" + deletedRetentionDays
                + ", realism=" + realism + ", transactionHistory=" + transactionHistory + "]";
    }

    public SimulatorSettings withDeletedRetentionDays(int deletedRetentionDays) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withTransactionHistory(boolean transactionHistory) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    public SimulatorSettings withRealism(Realism realism) {
        return new SimulatorSettings(seed, fleetSize, genesis, initialNow, latencyMs, errorRate, throttleRate,
                malformedRate, token, pageCap, retryAfterSeconds, deletedRetentionDays, realism, transactionHistory);
    }

    /**
     * When a run scheduled for {@code scheduled} really starts: that instant delayed by 0 to
     * {@link Realism#runStartSpreadSeconds()} seconds, the same for the same seed and schedule.
     */
    public Instant runStart(Instant scheduled) {
        long spread = realism.runStartSpreadSeconds();
        long delay = spread == 0 ? 0 : (long) (Draws.unit(Draws.hash(seed, scheduled.getEpochSecond(), 0,
                Draws.RUN_START)) * (spread + 1));
        return scheduled.truncatedTo(ChronoUnit.SECONDS).plusSeconds(delay);
    }

    /**
     * The ways the simulated world moves like the real one; each is off at 0 (or false), every draw a pure function
     * of the seed.
     *
     * @param maxRequestSeconds     each API request moves the clock by 0 to this many whole seconds, drawn from
     *                              (seed, path and query, how many times that path was asked before), so a night's
     *                              requests take simulated time; the sum over a set of requests is independent of
     *                              their order
     * @param runStartSpreadSeconds {@link #runStart} delays a scheduled run by up to this many seconds
     * @param provisionalHourRate   share of hours that, while in progress, are shown under the whole hour's labels
     *                              with only what accrued so far: the next night shows the same hour, final, with
     *                              another amount (a restatement)
     * @param stopRate              share of instances living 3 days or more that are stopped once for 2 to 30
     *                              hours: no cost while stopped, {@code running_time} starts again from 0 when they
     *                              start again, {@code total_cost} goes on from where it stood
     * @param driftRate             share of instances whose payloads drift (a renamed field, another time shape, an
     *                              unknown new field, an unreadable RAM), each from a deterministic date on
     * @param meteredCharges        each hour's charge is the sum, over the instances, of the increase of their
     *                              displayed (4-decimal) {@code total_cost} within the hour, so the counters and the
     *                              charge history agree to the last decimal, hour by hour
     */
    public record Realism(int maxRequestSeconds, int runStartSpreadSeconds, double provisionalHourRate,
            double stopRate, double driftRate, boolean meteredCharges) {

        /** A world that moves only when told to: what every simulator did before these options. */
        public static final Realism NONE = new Realism(0, 0, 0, 0, 0, false);

        /**
         * The demo's world: requests take 0-2 s, runs start within 15 minutes after schedule, about one hour in
         * five is shown provisionally while in progress, 6 % of the long-lived instances stop once, 4 % drift.
         */
        public static final Realism DEMO = new Realism(2, 900, 0.2, 0.06, 0.04, true);

        public Realism {
            if (maxRequestSeconds < 0 || runStartSpreadSeconds < 0) {
                throw new IllegalArgumentException("maxRequestSeconds and runStartSpreadSeconds must be >= 0");
            }
            requireRate("provisionalHourRate", provisionalHourRate);
            requireRate("stopRate", stopRate);
            requireRate("driftRate", driftRate);
        }

        public Realism withMaxRequestSeconds(int maxRequestSeconds) {
            return new Realism(maxRequestSeconds, runStartSpreadSeconds, provisionalHourRate, stopRate, driftRate,
                    meteredCharges);
        }

        public Realism withRunStartSpreadSeconds(int runStartSpreadSeconds) {
            return new Realism(maxRequestSeconds, runStartSpreadSeconds, provisionalHourRate, stopRate, driftRate,
                    meteredCharges);
        }

        public Realism withProvisionalHourRate(double provisionalHourRate) {
            return new Realism(maxRequestSeconds, runStartSpreadSeconds, provisionalHourRate, stopRate, driftRate,
                    meteredCharges);
        }

        public Realism withStopRate(double stopRate) {
            return new Realism(maxRequestSeconds, runStartSpreadSeconds, provisionalHourRate, stopRate, driftRate,
                    meteredCharges);
        }

        public Realism withDriftRate(double driftRate) {
            return new Realism(maxRequestSeconds, runStartSpreadSeconds, provisionalHourRate, stopRate, driftRate,
                    meteredCharges);
        }

        public Realism withMeteredCharges(boolean meteredCharges) {
            return new Realism(maxRequestSeconds, runStartSpreadSeconds, provisionalHourRate, stopRate, driftRate,
                    meteredCharges);
        }
    }
}
