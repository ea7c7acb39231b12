package com.gpuledger.cli;

import java.io.PrintStream;
import java.net.BindException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.gpuledger.run.UsageException;
import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;

/** {@code simulate}: the simulated provider alone, on loopback, until stopped. */
final class SimulateCommand {

    static final String USAGE = """
            usage: gpu-ledger simulate [--port=8089] [--fleet-size=200] [--seed=42] [--latency-ms=0]
                                       [--error-rate=0] [--throttle-rate=0] [--malformed-rate=0] [--token=demo]
                                       [--deleted-retention-days=0] [--charges=hours|transactions]

            Serves the provider API (same paths and payload quirks as Nebula Block) on 127.0.0.1 for a
            deterministic synthetic fleet. The simulated clock starts at the current time and stays there until
            moved: GET/PUT /_sim/clock {"now":"2026-11-25T06:00:00Z"}, POST /_sim/advance?hours=N.
            Point the job at it with LEDGER_API_URL=http://127.0.0.1:<port>/api/v1 and LEDGER_API_TOKEN=<token>.
            Rates are shares of requests (0 to 1) answered 500, 429 with Retry-After, or with a truncated body.
            The deleted list holds every instance ever deleted, or only those of the last N days.
            The charge history comes as hourly buckets, or as transactions (hourly consumptions and purchases of
            credits): the provider documents both.
            Stop it with Ctrl-C.
            """;

    private SimulateCommand() {
    }

    private static boolean transactionHistory(String shape) {
        return switch (shape) {
            case "hours" -> false;
            case "transactions" -> true;
            default -> throw new UsageException("--charges must be hours or transactions, was '" + shape + "'");
        };
    }

    static int execute(List<String> arguments, PrintStream out) throws InterruptedException {
        CommandOptions options = new CommandOptions("simulate", arguments,
                Set.of("port", "fleet-size", "seed", "latency-ms", "error-rate", "throttle-rate", "malformed-rate", "token",
                        "deleted-retention-days", "charges"));
        options.noPositional();
        SimulatorSettings settings = SimulatorSettings
                .defaults(options.integer("seed", 42, 0, Integer.MAX_VALUE), options.integer("fleet-size", 200, 0, 1_000_000),
                        Instant.now())
                .withLatencyMs(options.integer("latency-ms", 0, 0, 60_000))
                .withErrorRate(options.fraction("error-rate"))
                .withThrottleRate(options.fraction("throttle-rate"))
                .withMalformedRate(options.fraction("malformed-rate"))
                .withToken(options.text("token", "demo"))
                .withDeletedRetentionDays(options.integer("deleted-retention-days", 0, 0, 100_000))
                .withTransactionHistory(transactionHistory(options.text("charges", "hours")));
        LedgerContext.quietSimulatorServer();
        ProviderSimulator simulator = new ProviderSimulator(settings);
        int port = options.integer("port", 8089, 0, 65535);
        try {
            simulator.start(port);
        } catch (RuntimeException e) {
            simulator.close();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new UsageException("port " + port + " on 127.0.0.1 is in use: stop what holds it, or choose another"
                            + " with --port=N");
                }
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        out.println("simulated provider at " + simulator.baseUrl() + " (fleet " + settings.fleetSize() + ", seed "
                + settings.seed() + ", clock " + simulator.now() + ", " + simulator.activeCount() + " active instances)");
        out.println("admin: " + simulator.baseUrl().replace("/api/v1", "/_sim/clock") + "; stop with Ctrl-C");
        stopped.await();
        return 0;
    }
}
