package com.gpuledger.simulator;

/**
 * Instance k of a fleet slot: it runs (and accrues) continuously over [start, end), epoch seconds.
 * {@code pair} is the (region, machine) price key; CPU machines have {@code gpuCount} 0.
 */
record Lifetime(int slot, int k, long start, long end, int pair, int gpuCount) {

    long ref() {
        return ((long) slot << InstanceIds.K_BITS) | k;
    }

    int region() {
        return pair / Catalog.MACHINES.size();
    }

    Catalog.Machine machine() {
        return Catalog.MACHINES.get(pair % Catalog.MACHINES.size());
    }

    /** The factor applied to the per-GPU price: the GPU count, or 1 for a CPU machine. */
    int multiplier() {
        return machine().gpu() ? gpuCount : 1;
    }

    /** The end of accrual as seen at {@code now}. */
    long accruedUntil(long now) {
        return Math.max(start, Math.min(now, end));
    }
}
