package com.gpuledger.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.gpuledger.provider.ChargeHistory;
import com.gpuledger.provider.ChargeHistoryLister;
import com.gpuledger.provider.InvalidPayloadException;
import com.gpuledger.provider.ProviderCallException;
import com.gpuledger.provider.ProviderClock;
import com.gpuledger.provider.ProviderNotFoundException;

/**
 * Records the skew of the provider's clock the run measured, stores the account's charge history back to the previous
 * run's start minus 2 hours, then rebuilds the date's costs from the database. A history that cannot be read leaves
 * the account unreconciled: an ERROR finding (exit 3), not the run failed.
 */
class ReconcileTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReconcileTasklet.class);
    static final Duration HISTORY_MARGIN = Duration.ofHours(2);

    private final ChargeHistoryLister chargeHistory;
    private final CostRepository repository;
    private final CostLedger ledger;
    private final Clock clock;
    private final ProviderClock providerClock;

    ReconcileTasklet(ChargeHistoryLister chargeHistory, CostRepository repository, CostLedger ledger, Clock clock,
                     ProviderClock providerClock) {
        this.chargeHistory = chargeHistory;
        this.repository = repository;
        this.ledger = ledger;
        this.clock = clock;
        this.providerClock = providerClock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        LocalDate reportDate = parameters.getLocalDate("reportDate");
        Long runId = parameters.getLong("runId");
        if (runId != null) {
            providerClock.skew().ifPresent(skew -> repository.recordClockSkew(runId, skew));
        }
        try {
            ChargeHistory history = chargeHistory.since(ledger.windowStart(reportDate).minus(HISTORY_MARGIN));
            repository.upsertCharges(history.hours(), clock.instant(), reportDate);
            repository.upsertPurchases(history.purchases(), clock.instant());
            recordProblem(runId, null);
            log.info("stored {} hours of account charges{}", history.hours().size(), history.purchases().isEmpty() ? ""
                    : " and " + history.purchases().size() + " purchases of credits");
        } catch (ProviderCallException | ProviderNotFoundException | InvalidPayloadException e) {
            recordProblem(runId, e.getMessage());
            log.error("the account's charge history could not be read, the account stays unreconciled: {}", e.getMessage());
        }
        ledger.rebuild(reportDate);
        return RepeatStatus.FINISHED;
    }

    private void recordProblem(Long runId, String problem) {
        if (runId != null) {
            repository.recordChargeHistoryProblem(runId, problem);
        }
    }
}
