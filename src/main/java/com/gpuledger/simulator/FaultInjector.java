package com.gpuledger.simulator;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, per request, whether to fail it: a pure function of (seed, path, attempt), where attempt counts the
 * earlier requests for the same path. No path fails more than twice in a row.
 */
final class FaultInjector {

    enum Fault { NONE, ERROR, THROTTLE, MALFORMED }

    private record PathState(long attempts, int faultsInARow, Fault last) {
    }

    private final long seed;
    private final double errorRate;
    private final double throttleRate;
    private final double malformedRate;
    private final ConcurrentHashMap<String, PathState> paths = new ConcurrentHashMap<>();

    FaultInjector(long seed, double errorRate, double throttleRate, double malformedRate) {
        this.seed = seed;
        this.errorRate = errorRate;
        this.throttleRate = throttleRate;
        this.malformedRate = malformedRate;
    }

    /** Counts this request for {@code path} and says how it fails; {@code malformable} only for detail paths. */
    Fault next(String path, boolean malformable) {
        return paths.compute(path, (key, state) -> {
            long attempt = state == null ? 0 : state.attempts();
            int inARow = state == null ? 0 : state.faultsInARow();
            Fault fault = inARow >= 2 ? Fault.NONE : decide(key, attempt, malformable);
            return new PathState(attempt + 1, fault == Fault.NONE ? 0 : inARow + 1, fault);
        }).last();
    }

    private Fault decide(String path, long attempt, boolean malformable) {
        if (Draws.unit(Draws.hash(seed, path, attempt, Draws.FAULT)) < errorRate) {
            return Fault.ERROR;
        }
        if (Draws.unit(Draws.hash(seed, path, attempt, Draws.FAULT + 100)) < throttleRate) {
            return Fault.THROTTLE;
        }
        if (malformable && Draws.unit(Draws.hash(seed, path, attempt, Draws.FAULT + 200)) < malformedRate) {
            return Fault.MALFORMED;
        }
        return Fault.NONE;
    }
}
