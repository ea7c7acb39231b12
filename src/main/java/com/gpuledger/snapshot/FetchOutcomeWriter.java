package com.gpuledger.snapshot;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a chunk of outcomes in the chunk's transaction. A value the database refuses (too long, out of range, a
 * character its encoding cannot hold) costs that instance alone: the chunk is written behind a savepoint, and when
 * the database refuses it, each outcome is written behind its own, a refused snapshot becoming that instance's
 * failure with the database's message. All of it commits or rolls back with the chunk.
 */
class FetchOutcomeWriter implements ItemWriter<FetchOutcome> {

    private static final Logger log = LoggerFactory.getLogger(FetchOutcomeWriter.class);

    private final SnapshotRepository snapshots;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    FetchOutcomeWriter(SnapshotRepository snapshots, PlatformTransactionManager transactionManager, Clock clock) {
        this.snapshots = snapshots;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends FetchOutcome> chunk) {
        List<? extends FetchOutcome> outcomes = chunk.getItems();
        try {
            savepoint.executeWithoutResult(status -> snapshots.write(outcomes));
        } catch (DataIntegrityViolationException refused) {
            outcomes.forEach(this::writeAlone);
        }
    }

    private void writeAlone(FetchOutcome outcome) {
        try {
            savepoint.executeWithoutResult(status -> snapshots.write(List.of(outcome)));
        } catch (DataIntegrityViolationException refused) {
            FetchTarget target = outcome.target();
            String reason = "instance " + target.instanceId() + ": the database refused its snapshot ("
                    + mostSpecificMessage(refused) + ")";
            log.warn("{}", reason);
            long runId = outcome.snapshot() != null ? outcome.snapshot().runId() : outcome.failure().runId();
            snapshots.write(List.of(FetchOutcome.failed(target, new FetchFailure(target.reportDate(), target.instanceId(),
                    FetchFailure.Kind.FAILED, reason, null, 1, clock.instant(), runId))));
        }
    }

    private static String mostSpecificMessage(DataIntegrityViolationException e) {
        String message = e.getMostSpecificCause().getMessage();
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }
}
