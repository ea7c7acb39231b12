package com.gpuledger.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import com.gpuledger.support.TestDatabase;

/**
 * The end-of-fetch invariant against a real work list: whatever the workers do, the step completes only when the
 * database has nothing pending. The workers here are fakes that settle what a test tells them to.
 */
class SettlingPartitionHandlerTests {

    static final LocalDate DATE = LocalDate.parse("2025-03-10");

    @TempDir
    Path home;
    SnapshotRepository snapshots;
    StepExecution manager;

    @BeforeEach
    void workListOfThree() {
        DataSource dataSource = TestDatabase.h2(home).dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        snapshots = new SnapshotRepository(new JdbcTemplate(dataSource));
        snapshots.replaceTargets(DATE, List.of(target("a"), target("b"), target("c")));
        manager = new StepExecution(1L, "fetchSnapshotsStep", new JobExecution(1L, new JobInstance(1L, "nightlyJob"),
                new JobParametersBuilder().addLocalDate("reportDate", DATE).toJobParameters()));
    }

    @Test
    void whatAPassLeftIsFetchedInAnotherPass() throws Exception {
        Passes workers = new Passes(Set.of("a", "b"), Set.of("c"));

        Collection<StepExecution> executions = new SettlingPartitionHandler(workers, snapshots, Duration.ofHours(4))
                .handle(null, manager);

        assertThat(workers.calls).isEqualTo(2);
        assertThat(executions).hasSize(2);
        assertThat(snapshots.targetCounts(DATE).pending()).isZero();
    }

    @Test
    void aPassThatSettlesNothingFailsTheStepNamingWhatIsLeft() {
        Passes workers = new Passes(Set.of("a"), Set.of());

        assertThatThrownBy(() -> new SettlingPartitionHandler(workers, snapshots, Duration.ofHours(4)).handle(null, manager))
                .isInstanceOf(FetchIncompleteException.class)
                .hasMessage("the fetch of 2025-03-10 left 2 instances neither captured nor recorded as failed (first: b, c);"
                        + " running the date again fetches them");
        assertThat(workers.calls).isEqualTo(2);
    }

    @Test
    void workersThatFailedEndTheStepWithTheirFailure() throws Exception {
        Passes workers = new Passes(Set.of("a"));
        workers.status = BatchStatus.FAILED;

        Collection<StepExecution> executions = new SettlingPartitionHandler(workers, snapshots, Duration.ofHours(4))
                .handle(null, manager);

        assertThat(executions).extracting(StepExecution::getStatus).containsExactly(BatchStatus.FAILED);
        assertThat(workers.calls).isEqualTo(1);
    }

    @Test
    void pastTheDeadlineWhatIsLeftFailsTheStepWithTheDeadline() {
        manager = new StepExecution(1L, "fetchSnapshotsStep", new JobExecution(1L, new JobInstance(1L, "nightlyJob"),
                new JobParametersBuilder().addLocalDate("reportDate", DATE).addLong("deadline", System.currentTimeMillis() - 1)
                        .toJobParameters()));
        Passes workers = new Passes(Set.of("a"), Set.of("b", "c"));

        assertThatThrownBy(() -> new SettlingPartitionHandler(workers, snapshots, Duration.ofMinutes(30)).handle(null, manager))
                .isInstanceOf(RunDeadlineException.class)
                .hasMessageStartingWith("the run deadline of PT30M (LEDGER_RUN_DEADLINE) passed with 2 instances still to fetch");
        assertThat(workers.calls).isEqualTo(1);
    }

    private static FetchTarget target(String id) {
        return new FetchTarget(DATE, id, SnapshotSource.ACTIVE, BigDecimal.ONE);
    }

    /** Fake workers: pass n captures the ids of the n-th set, and returns one execution with {@link #status}. */
    private final class Passes implements PartitionHandler {

        private final Deque<Set<String>> passes;
        BatchStatus status = BatchStatus.COMPLETED;
        int calls;

        @SafeVarargs
        Passes(Set<String>... passes) {
            this.passes = new ArrayDeque<>(List.of(passes));
        }

        @Override
        public Collection<StepExecution> handle(org.springframework.batch.core.partition.StepExecutionSplitter splitter,
                                                StepExecution managerStepExecution) {
            calls++;
            Set<String> ids = passes.isEmpty() ? Set.of() : passes.pop();
            snapshots.write(ids.stream().sorted().map(id -> FetchOutcome.failed(target(id), new FetchFailure(DATE, id,
                    FetchFailure.Kind.FAILED, "test", null, 1, Instant.EPOCH, 1))).toList());
            StepExecution worker = new StepExecution(calls + 1L, "fetchPartitionStep:pass" + calls, managerStepExecution.getJobExecution());
            worker.setStatus(status);
            return List.of(worker);
        }
    }
}
