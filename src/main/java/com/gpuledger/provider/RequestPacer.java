package com.gpuledger.provider;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Spaces requests evenly to at most {@code LEDGER_FETCH_RATE_LIMIT} per second across all threads; 0 = unlimited. */
final class RequestPacer {

    private final long intervalNanos;
    private long nextSlot;

    RequestPacer(double requestsPerSecond) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
        this.nextSlot = System.nanoTime();
    }

    void awaitTurn() {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
