package com.gpuledger.simulator;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How long, in whole simulated seconds, each API request takes: 0 to {@code maxSeconds}, a pure function of (seed,
 * path and query, attempt), where attempt counts the earlier requests for the same path and query. The time a set of
 * requests takes is therefore the same in whatever order they come.
 */
final class RequestDurations {

    private final long seed;
    private final int maxSeconds;
    private final ConcurrentHashMap<String, Long> attempts = new ConcurrentHashMap<>();

    RequestDurations(long seed, int maxSeconds) {
        this.seed = seed;
        this.maxSeconds = maxSeconds;
    }

    /** Counts this request for {@code pathAndQuery} and says how many seconds it takes. */
    long next(String pathAndQuery) {
        if (maxSeconds == 0) {
            return 0;
        }
        long attempt = attempts.merge(pathAndQuery, 1L, Long::sum) - 1;
        return (long) (Draws.unit(Draws.hash(seed, pathAndQuery, attempt, Draws.REQUEST_TIME)) * (maxSeconds + 1));
    }
}
