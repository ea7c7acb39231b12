package com.gpuledger.snapshot;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

/**
 * The end-of-fetch invariant: the fetch step completes only when the database says every target of the date's work
 * list is captured, not found or recorded as failed. After each pass of the workers it counts what is still
 * pending; anything left is fetched in another pass, and a pass that settles nothing fails the step (exit 1) with
 * the count and the first ids. Whatever a worker, a restart or a future change of the step does, a target cannot be
 * left out of a completed fetch. Past the run's deadline the workers fetch no more targets and end, their last
 * chunks written; what is then still pending fails the step with the deadline's reason.
 */
class SettlingPartitionHandler implements PartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(SettlingPartitionHandler.class);

    private final PartitionHandler workers;
    private final SnapshotRepository snapshots;
    private final Duration runDeadline;

    SettlingPartitionHandler(PartitionHandler workers, SnapshotRepository snapshots, Duration runDeadline) {
        this.workers = workers;
        this.snapshots = snapshots;
        this.runDeadline = runDeadline;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter stepSplitter, StepExecution managerStepExecution)
            throws Exception {
        LocalDate reportDate = managerStepExecution.getJobParameters().getLocalDate("reportDate");
        RunDeadline deadline = RunDeadline.of(managerStepExecution.getJobParameters().getLong("deadline"));
        List<StepExecution> executions = new ArrayList<>();
        int pending = snapshots.targetCounts(reportDate).pending();
        while (true) {
            Collection<StepExecution> pass = workers.handle(stepSplitter, managerStepExecution);
            executions.addAll(pass);
            if (pass.stream().anyMatch(execution -> execution.getStatus().isUnsuccessful())) {
                return executions;
            }
            int left = snapshots.targetCounts(reportDate).pending();
            if (left == 0) {
                return executions;
            }
            if (deadline.passed()) {
                throw new RunDeadlineException(runDeadline, left);
            }
            if (left >= pending) {
                throw new FetchIncompleteException(reportDate, left, snapshots.pendingIds(reportDate).stream().limit(5).toList());
            }
            log.warn("{} instances of {} still pending after the workers finished: fetching them in another pass",
                    left, reportDate);
            pending = left;
        }
    }
}
