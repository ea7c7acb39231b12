package com.gpuledger.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import com.gpuledger.LedgerProperties;
import com.gpuledger.cost.CostLedger;
import com.gpuledger.provider.InstanceListException;
import com.gpuledger.provider.InstanceLister;
import com.gpuledger.provider.ProviderClock;
import com.gpuledger.provider.ProviderProperties;
import com.gpuledger.provider.TokenRefusedException;
import com.gpuledger.report.ReportWriteException;
import com.gpuledger.snapshot.FetchIncompleteException;
import com.gpuledger.snapshot.RunDeadlineException;
import com.gpuledger.snapshot.SnapshotRepository;
import com.gpuledger.snapshot.SnapshotRepository.TargetCounts;

/**
 * The nightly job for one report date: takes the lease, applies the date rules of contracts section 1, starts the
 * job (or restarts the date's interrupted one, or refreshes the latest date), and turns the result into an exit code.
 */
@Component
public class NightlyRun {

    public static final String JOB_NAME = "nightlyJob";
    /** A run that ended before its fetch says so, so that no count on the same line reads as captured. */
    private static final String NOTHING_CAPTURED = "; nothing was captured by this run";
    /** The step that reads the provider's list: a run that fails there has fetched nothing. */
    private static final String DISCOVER_STEP = "discoverInstancesStep";
    private static final Logger log = LoggerFactory.getLogger(NightlyRun.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job nightlyJob;
    private final RunLease runLease;
    private final SnapshotRepository snapshots;
    private final CostLedger costLedger;
    private final LedgerProperties properties;
    private final Clock clock;
    private final String databaseUrl;
    private final String apiUrl;
    private final List<RunObserver> observers;
    private final ProviderClock providerClock;
    private final InstanceLister lister;

    NightlyRun(JobOperator jobOperator, JobRepository jobRepository, Job nightlyJob, RunLease runLease,
               SnapshotRepository snapshots, CostLedger costLedger, LedgerProperties properties, ProviderProperties provider,
               Clock clock, Environment environment, ObjectProvider<RunObserver> observers, ProviderClock providerClock,
               InstanceLister lister) {
        this.providerClock = providerClock;
        this.lister = lister;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.nightlyJob = nightlyJob;
        this.runLease = runLease;
        this.snapshots = snapshots;
        this.costLedger = costLedger;
        this.properties = properties;
        this.clock = clock;
        this.databaseUrl = StoredUrls.withoutCredentials(environment.getProperty("spring.datasource.url"));
        this.apiUrl = StoredUrls.withoutCredentials(provider.api().url());
        this.observers = observers.orderedStream().toList();
    }

    /**
     * The default report date: yesterday in the business time zone, on the provider's clock. Where no run has measured
     * that clock yet, one request for the list's first item does (the counters are the provider's, so is the calendar
     * that says which night is over, from the first night on).
     *
     * @throws InstanceListException  when that request fails, as the list would
     * @throws TokenRefusedException  when the token is refused
     */
    public LocalDate yesterday() {
        if (knownSkew().isEmpty()) {
            lister.readFirstItem(InstanceLister.ACTIVE);
        }
        return today().minusDays(1);
    }

    /**
     * Today on the provider's clock as the latest run (or this process) measured it, from its answers' {@code Date}
     * header; the job's clock where none did. An explicit date is checked against it without a request: the command
     * line already keeps dates to the machine's tomorrow.
     */
    private LocalDate today() {
        Instant now = clock.instant();
        return LocalDate.ofInstant(knownSkew().map(now::plus).orElse(now), properties.timezone());
    }

    private Optional<Duration> knownSkew() {
        return runLease.latestProviderClockSkew().or(providerClock::skew);
    }

    /**
     * Runs the nightly job for a report date.
     *
     * @throws UsageException      for a refused date (exit 64)
     * @throws LeaseHeldException when another run holds the lease (exit 75)
     */
    public RunOutcome run(LocalDate reportDate) {
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        log.info("run {}: provider {}, database {}", reportDate, apiUrl, databaseUrl);
        Duration deadline = properties.run().deadline();
        long deadlineMillis = System.currentTimeMillis() + deadline.toMillis();
        boolean told = false;
        try (RunLease.Lease lease = runLease.acquire(new RunLease.NewRun("run", reportDate, startedAt,
                apiUrl, databaseUrl, AppVersion.current()));
             RunDeadlineWatchdog watchdog = new RunDeadlineWatchdog(deadline, lease, clock)) {
            RunOutcome outcome;
            try {
                markInterruptedExecutionsFailed();
                checkDate(reportDate);
                outcome = launch(reportDate, lease.runId(), deadlineMillis);
            } catch (UsageException e) {
                RunOutcome refused = RunOutcome.refused(e.getMessage());
                Instant endedAt = clock.instant();
                told = true;
                tell(new RunEnded(reportDate, refused, startedAt, endedAt, since(startNanos), false));
                lease.finish(refused, endedAt);
                throw e;
            }
            told = true;
            // one end for ledger_run and the observers (the metrics' last success is read back from ledger_run)
            Instant endedAt = clock.instant();
            // the report step is the job's last: a completed job has published the date's set
            tell(new RunEnded(reportDate, outcome, startedAt, endedAt, since(startNanos),
                    outcome.exitCode() != ExitCode.FAILED));
            lease.finish(outcome, endedAt);
            log.info("run {} finished: exit {} ({}), discovered {}, captured {}, failed {}, not found {}, {} s{}",
                    reportDate, outcome.exitCode().code(), outcome.name(), orDash(outcome.discovered()),
                    orDash(outcome.captured()), orDash(outcome.failed()), orDash(outcome.notFound()),
                    seconds(since(startNanos)),
                    outcome.message() == null ? "" : " - " + outcome.message());
            return outcome;
        } catch (RuntimeException e) {
            if (!told) {
                tell(new RunEnded(reportDate, ending(e), startedAt, clock.instant(), since(startNanos), false));
            }
            throw e;
        }
    }

    /** The outcome of a run that ended by an exception, with the exit code the command line gives it. */
    private static RunOutcome ending(RuntimeException e) {
        if (e instanceof LeaseHeldException) {
            return new RunOutcome("LEASE_HELD", ExitCode.LEASE_HELD, null, null, null, null, e.getMessage());
        }
        if (e instanceof UsageException) {
            return RunOutcome.refused(e.getMessage());
        }
        return RunOutcome.failed(e.getMessage());
    }

    private void tell(RunEnded ended) {
        for (RunObserver observer : observers) {
            try {
                observer.runEnded(ended);
            } catch (RuntimeException e) {
                log.warn("run {}: {} failed, the run's outcome stands: {}", ended.reportDate(),
                        observer.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private void checkDate(LocalDate reportDate) {
        LocalDate today = today();
        if (reportDate.isAfter(today)) {
            throw new UsageException("refused: " + reportDate + " is in the future (today is " + today + " in "
                    + properties.timezone() + " on the provider's clock); a snapshot records the provider's counters at the"
                    + " moment of the run");
        }
        Optional<LocalDate> latest = snapshots.latestReportDate();
        if (latest.isPresent() && reportDate.isBefore(latest.get())) {
            throw new UsageException("refused: " + reportDate + " is earlier than " + latest.get()
                    + ", which already has a snapshot; the provider has no 'as of', so only the latest date can be run again");
        }
    }

    private RunOutcome launch(LocalDate reportDate, long runId, long deadlineMillis) {
        long generation = 1;
        JobInstance instance;
        while ((instance = jobRepository.getJobInstance(JOB_NAME, identifying(reportDate, generation))) != null
                && jobRepository.getLastJobExecution(instance).getStatus() == BatchStatus.COMPLETED) {
            generation++;
        }
        if (instance != null) {
            log.info("run {}: completing the interrupted run of this date", reportDate);
        } else if (generation > 1) {
            log.info("run {}: refreshing the latest date (generation {})", reportDate, generation);
        }
        JobParameters parameters = new JobParametersBuilder(identifying(reportDate, generation))
                .addLong("runId", runId, false)
                .addLong("deadline", deadlineMillis, false)
                .toJobParameters();
        JobExecution execution;
        try {
            execution = jobOperator.start(nightlyJob, parameters);
        } catch (Exception e) {
            return RunOutcome.failed("the job could not start: " + e.getMessage());
        }
        if (execution.getStatus() != BatchStatus.COMPLETED && databaseGone(execution.getAllFailureExceptions())) {
            throw new DataAccessResourceFailureException("the database is unreachable: "
                    + failureMessage(execution.getAllFailureExceptions()));
        }
        if (execution.getStatus() != BatchStatus.COMPLETED && execution.getStepExecutions().stream()
                .anyMatch(step -> step.getStepName().equals(DISCOVER_STEP) && step.getStatus() != BatchStatus.COMPLETED)) {
            // the date's counts would be an earlier run's: this one stopped before it fetched anything
            return RunOutcome.failed(failureMessage(execution.getAllFailureExceptions()) + NOTHING_CAPTURED);
        }
        TargetCounts counts = snapshots.targetCounts(reportDate);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return new RunOutcome("FAILED", ExitCode.FAILED, counts.discovered(), counts.captured(), counts.failed(),
                    counts.notFound(), failureMessage(execution.getAllFailureExceptions()));
        }
        if (counts.failed() > 0) {
            return new RunOutcome("PARTIAL", ExitCode.PARTIAL, counts.discovered(), counts.captured(), counts.failed(),
                    counts.notFound(), counts.failed() + " instances could not be captured (see fetch_failure)");
        }
        Optional<String> discrepancy = costLedger.discrepancy(reportDate);
        if (discrepancy.isPresent()) {
            return new RunOutcome("DISCREPANCY", ExitCode.DISCREPANCY, counts.discovered(), counts.captured(), counts.failed(),
                    counts.notFound(), discrepancy.get());
        }
        return new RunOutcome("SUCCEEDED", ExitCode.OK, counts.discovered(), counts.captured(), counts.failed(),
                counts.notFound(), null);
    }

    /**
     * Under the lease no other run is alive, so a Batch execution that still says STARTED is an interrupted one: a
     * stale lease's, or one whose end Batch could not record (a database refusing its exit message). Marked failed,
     * the date restarts cleanly instead of being "already running" for ever.
     */
    private void markInterruptedExecutionsFailed() {
        for (JobExecution execution : jobRepository.findRunningJobExecutions(JOB_NAME)) {
            log.warn("marking the interrupted execution {} of {} as failed", execution.getId(),
                    execution.getJobParameters().getLocalDate("reportDate"));
            jobOperator.recover(execution);
        }
    }

    private static JobParameters identifying(LocalDate reportDate, long generation) {
        return new JobParametersBuilder()
                .addLocalDate("reportDate", reportDate)
                .addLong("generation", generation)
                .toJobParameters();
    }

    private static boolean databaseGone(List<Throwable> failures) {
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof DataAccessResourceFailureException || t instanceof java.sql.SQLTransientConnectionException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cause an operator can act on: the token, the list, the database; else the deepest message. */
    static String failureMessage(List<Throwable> failures) {
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof TokenRefusedException || t instanceof InstanceListException
                        || t instanceof FetchIncompleteException || t instanceof RunDeadlineException) {
                    return t.getMessage();
                }
                if (t instanceof ReportWriteException) {
                    return "reports not written: " + t.getMessage() + "; the database is complete: mend with 'report --date=D'";
                }
            }
        }
        if (failures.isEmpty()) {
            return "the job failed without an exception";
        }
        log.error("the job failed", failures.get(0));
        Throwable root = failures.get(0);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "the job failed: " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String orDash(Integer value) {
        return value == null ? "-" : value.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
