package com.gpuledger.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.gpuledger.provider.ChargeHistoryLister;
import com.gpuledger.provider.InvalidPayloadException;
import com.gpuledger.provider.ProviderCallException;
import com.gpuledger.provider.ProviderNotFoundException;

/**
 * Stores the account's charge history back to the previous run's start minus 2 hours, then rebuilds the date's
 * costs from the database. A history that cannot be read leaves the account unreconciled (WARN), not the run failed.
 */
class ReconcileTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReconcileTasklet.class);
    static final Duration HISTORY_MARGIN = Duration.ofHours(2);

    private final ChargeHistoryLister chargeHistory;
    private final CostRepository repository;
    private final CostLedger ledger;
    private final Clock clock;

    ReconcileTasklet(ChargeHistoryLister chargeHistory, CostRepository repository, CostLedger ledger, Clock clock) {
        this.chargeHistory = chargeHistory;
        this.repository = repository;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        LocalDate reportDate = chunkContext.getStepContext().getStepExecution().getJobParameters().getLocalDate("reportDate");
        try {
            var hours = chargeHistory.since(ledger.windowStart(reportDate).minus(HISTORY_MARGIN));
            repository.upsertCharges(hours, clock.instant(), reportDate);
            log.info("stored {} hours of account charges", hours.size());
        } catch (ProviderCallException | ProviderNotFoundException | InvalidPayloadException e) {
            log.warn("the account's charge history could not be read, the account stays unreconciled: {}", e.getMessage());
        }
        ledger.rebuild(reportDate);
        return RepeatStatus.FINISHED;
    }
}
