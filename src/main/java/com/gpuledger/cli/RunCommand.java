package com.gpuledger.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;

import com.gpuledger.metrics.UnstartedRunMetrics;
import com.gpuledger.run.NightlyRun;
import com.gpuledger.run.RunEnded;
import com.gpuledger.run.RunOutcome;
import com.gpuledger.run.UsageException;

/** {@code run [--date=YYYY-MM-DD]}: the nightly job for one report date. */
final class RunCommand {

    static final String USAGE = """
            usage: gpu-ledger run [--date=YYYY-MM-DD] [--metrics]

            Runs the nightly job for report date D (default: yesterday in LEDGER_TIMEZONE): discovers every
            instance, fetches each detail and stores the date's snapshot. D may not be in the future nor earlier
            than the latest date with a snapshot; running the latest date again refreshes it.
            The API token comes from LEDGER_API_TOKEN or LEDGER_API_TOKEN_FILE, never from the command line.
            --metrics   a scheduled run (nightly.sh gives it): writes LEDGER_METRICS_FILE for monitoring; a run
                        without it leaves that file alone
            Exit codes: 0 done, 2 some instances not captured, 3 reconciliation FAIL or ERROR finding,
            1 failed (rerun is safe), 64 usage or configuration error, 75 another run holds the lease.
            """;

    private RunCommand() {
    }

    static int execute(List<String> arguments, Map<String, String> environment, Path workingDirectory) {
        CommandOptions options = new CommandOptions("run", arguments, Set.of("date", "metrics"));
        options.noPositional();
        LocalDate requested = options.date("date");
        boolean scheduled = options.has("metrics");
        if (LedgerContext.token(environment, workingDirectory) == null) {
            throw new UsageException("no API token: set LEDGER_API_TOKEN or LEDGER_API_TOKEN_FILE (in the environment or an environment file)");
        }
        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        ConfigurableApplicationContext started;
        try {
            started = LedgerContext.start(environment, workingDirectory,
                scheduled ? Map.of(UnstartedRunMetrics.SCHEDULED_RUN, true) : Map.of(), null);
        } catch (RuntimeException e) {
            if (!scheduled) {
                throw e;
            }
            // the run itself writes its metrics; one whose application cannot start (database down) leaves them here
            RunOutcome outcome = new RunOutcome("FAILED", LedgerCommandLine.exitCode(e), null, null, null, null, e.getMessage());
            UnstartedRunMetrics.write(environment, LedgerContext.home(environment, workingDirectory), new RunEnded(requested,
                    outcome, startedAt, Instant.now(), Duration.ofNanos(System.nanoTime() - startNanos), false));
            throw e;
        }
        try (ConfigurableApplicationContext context = started) {
            NightlyRun nightlyRun = context.getBean(NightlyRun.class);
            return nightlyRun.run(requested != null ? requested : nightlyRun.yesterday()).exitCode().code();
        }
    }
}
