package com.gpuledger.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The provider's clock as its answers tell it: the machine's clock plus the skew measured on the latest answer that
 * carried a {@code Date} header (whole seconds, so the skew is known to a second), the machine's alone until one did.
 * The provider's counters, start times and charge hours are on its clock: every instant the job compares with them
 * is taken on it. Not a {@link Clock} bean: the job's own clock stays the machine's (or the demo's simulated one).
 */
public final class ProviderClock {

    private final Clock machine;
    private final AtomicReference<Duration> skew = new AtomicReference<>();

    public ProviderClock(Clock machine) {
        this.machine = machine;
    }

    /** An answer said, in its {@code Date} header, that the provider's clock read {@code providerDate}. */
    void observed(Instant providerDate) {
        if (providerDate != null) {
            skew.set(Duration.between(machine.instant(), providerDate));
        }
    }

    /** The provider's clock minus the machine's on the latest answer that said, or empty when none did. */
    public Optional<Duration> skew() {
        return Optional.ofNullable(skew.get());
    }

    /** Now on the provider's clock, as far as its answers told it. */
    public Instant instant() {
        Duration known = skew.get();
        Instant now = machine.instant();
        return known == null ? now : now.plus(known);
    }
}
