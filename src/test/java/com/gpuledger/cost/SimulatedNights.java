package com.gpuledger.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.cli.JobHarness;
import com.gpuledger.run.RunOutcome;
import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.MutableClock;
import com.gpuledger.support.TestDatabase;

/**
 * Nights of the real job in this process against the simulator, its clock moved a day at a time, as a user rehearses
 * them against {@code simulate}; the machine's clock moves with it or stands still.
 */
final class SimulatedNights implements AutoCloseable {

    static final LocalDate FIRST = LocalDate.parse("2026-03-10");
    /** 02:07 on the night after the first date. */
    static final Instant FIRST_RUN = Instant.parse("2026-03-11T07:07:00Z");

    final ProviderSimulator simulator;
    final JobHarness harness;
    final JdbcClient jdbc;
    private final MutableClock machine;
    private final Instant machineStart;
    private final boolean machineMoves;

    /** The demo's moving world (metered charges, requests that take simulated seconds, restated hours, stops). */
    SimulatedNights(Path home, SimulatorSettings settings, Instant machineStart, boolean machineMoves) {
        this.simulator = new ProviderSimulator(settings.withRealism(SimulatorSettings.Realism.DEMO));
        simulator.start(0);
        TestDatabase database = TestDatabase.h2(home);
        Map<String, String> environment = new LinkedHashMap<>(database.environment());
        environment.put("LEDGER_HOME", home.toString());
        environment.put("LEDGER_API_URL", simulator.baseUrl());
        environment.put("LEDGER_API_TOKEN", "demo");
        // one request at a time, as the demo: every answer's Date is the clock its counters were read at
        environment.put("LEDGER_FETCH_CONCURRENCY", "1");
        this.machine = new MutableClock(machineStart);
        this.machineStart = machineStart;
        this.machineMoves = machineMoves;
        this.harness = new JobHarness(environment, home, machine);
        this.jdbc = database.jdbc();
    }

    static SimulatorSettings fleet() {
        return SimulatorSettings.defaults(11, 60, FIRST_RUN);
    }

    /** Runs the first {@code count} nights, each expected to end with exit 0. */
    SimulatedNights run(int count) {
        for (int night = 0; night < count; night++) {
            simulator.setNow(FIRST_RUN.plus(Duration.ofDays(night)).plusSeconds(97L * night));
            machine.set(machineMoves ? machineStart.plus(Duration.ofDays(night)) : machineStart);
            RunOutcome outcome = harness.run(FIRST.plusDays(night));
            assertThat(outcome.exitCode().code()).as("night %d: %s", night, outcome.message()).isZero();
        }
        return this;
    }

    @Override
    public void close() {
        harness.close();
        simulator.close();
    }
}
