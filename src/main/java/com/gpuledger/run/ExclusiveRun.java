package com.gpuledger.run;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Supplier;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.gpuledger.provider.ProviderProperties;

/**
 * A command other than {@code run} that must not overlap a run (contracts section 6), {@code report} and
 * {@code deliver}: done under the lease and recorded in {@code ledger_run}.
 */
@Component
public class ExclusiveRun {

    private final RunLease runLease;
    private final Clock clock;
    private final String databaseUrl;
    private final String apiUrl;

    ExclusiveRun(RunLease runLease, ProviderProperties provider, Clock clock, Environment environment) {
        this.runLease = runLease;
        this.clock = clock;
        this.databaseUrl = StoredUrls.withoutCredentials(environment.getProperty("spring.datasource.url"));
        this.apiUrl = StoredUrls.withoutCredentials(provider.api().url());
    }

    /** @throws LeaseHeldException when another run holds the lease (exit 75) */
    public RunOutcome run(String command, LocalDate reportDate, Supplier<RunOutcome> work) {
        try (RunLease.Lease lease = runLease.acquire(new RunLease.NewRun(command, reportDate, clock.instant(),
                apiUrl, databaseUrl, AppVersion.current()))) {
            RunOutcome outcome;
            try {
                outcome = work.get();
            } catch (UsageException e) {
                lease.finish(RunOutcome.refused(e.getMessage()), clock.instant());
                throw e;
            }
            lease.finish(outcome, clock.instant());
            return outcome;
        }
    }

    public static RunOutcome done(String message) {
        return new RunOutcome("SUCCEEDED", ExitCode.OK, null, null, null, null, message);
    }

    public static RunOutcome failed(String message) {
        return RunOutcome.failed(message);
    }
}
