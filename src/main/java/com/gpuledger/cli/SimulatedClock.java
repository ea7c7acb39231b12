package com.gpuledger.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.gpuledger.simulator.ProviderSimulator;

/** The job's "now" in the demo: the simulator's clock, so snapshot times and periods are the simulated nights'. */
final class SimulatedClock extends Clock {

    private final ProviderSimulator simulator;

    SimulatedClock(ProviderSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return simulator.now();
    }
}
