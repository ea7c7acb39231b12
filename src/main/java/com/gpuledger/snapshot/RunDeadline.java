package com.gpuledger.snapshot;

/** The machine time after which a run takes no further instance: the job parameter {@code deadline}, epoch ms. */
record RunDeadline(long epochMillis) {

    static RunDeadline of(Long epochMillis) {
        return new RunDeadline(epochMillis == null ? Long.MAX_VALUE : epochMillis);
    }

    boolean passed() {
        return System.currentTimeMillis() > epochMillis;
    }
}
