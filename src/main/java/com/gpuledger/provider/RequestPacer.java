package com.gpuledger.provider;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/** Spaces requests evenly to at most {@code LEDGER_FETCH_RATE_LIMIT} per second across all threads; 0 = unlimited. */
final class RequestPacer {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final LongConsumer parkNanos;
    private long nextSlot;

    RequestPacer(double requestsPerSecond) {
        this(requestsPerSecond, System::nanoTime, LockSupport::parkNanos);
    }

    /** On the given monotonic clock and waiting with the given park, which may return early (it is asked again). */
    RequestPacer(double requestsPerSecond, LongSupplier nanoTime, LongConsumer parkNanos) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
        this.nanoTime = nanoTime;
        this.parkNanos = parkNanos;
        this.nextSlot = nanoTime.getAsLong();
    }

    void awaitTurn() {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - nanoTime.getAsLong()) > 0) {
            parkNanos.accept(wait);
        }
    }
}
