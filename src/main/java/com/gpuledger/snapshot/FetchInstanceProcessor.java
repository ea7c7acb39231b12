package com.gpuledger.snapshot;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.gpuledger.provider.InstanceDetail;
import com.gpuledger.provider.ProviderCallException;
import com.gpuledger.provider.ProviderClient;
import com.gpuledger.provider.ProviderNotFoundException;
import com.gpuledger.provider.TokenRefusedException;

/**
 * Fetches one instance's detail; each fetch worker runs one at a time. Every outcome is a row, captured or failed
 * with its reason; only a refused token escapes, and it stops every worker of the run.
 */
class FetchInstanceProcessor implements ItemProcessor<FetchTarget, FetchOutcome> {

    private static final Logger log = LoggerFactory.getLogger(FetchInstanceProcessor.class);

    private final ProviderClient client;
    private final Clock clock;
    private final FetchProgress progress;
    private final TokenGuard tokenGuard;
    private final long runId;

    FetchInstanceProcessor(ProviderClient client, Clock clock, FetchProgress progress, TokenGuard tokenGuard, long runId) {
        this.client = client;
        this.clock = clock;
        this.progress = progress;
        this.tokenGuard = tokenGuard;
        this.runId = runId;
    }

    @Override
    public FetchOutcome process(FetchTarget target) {
        tokenGuard.check();
        long start = System.nanoTime();
        try {
            return FetchOutcome.captured(target, snapshot(target, client.fetchInstance(target.instanceId())));
        } catch (TokenRefusedException e) {
            tokenGuard.refused(e);
            throw e;
        } catch (ProviderNotFoundException e) {
            log.info("instance {} ({}): not found, it vanished", target.instanceId(), target.source());
            return failure(target, FetchFailure.Kind.NOT_FOUND, "the provider does not know the instance any more ("
                    + e.getMessage() + ")", 404, e.attempts());
        } catch (ProviderCallException e) {
            log.warn("instance {}: {}", target.instanceId(), e.getMessage());
            return failure(target, FetchFailure.Kind.FAILED, e.getMessage(), e.httpStatus(), e.attempts());
        } finally {
            progress.itemDone(System.nanoTime() - start);
        }
    }

    private InstanceSnapshot snapshot(FetchTarget target, InstanceDetail detail) {
        return new InstanceSnapshot(target.reportDate(), target.instanceId(), clock.instant(), target.source(),
                detail.region(), detail.instanceType(), detail.hostName(), detail.gpuType(), detail.gpuCount(),
                detail.cpuCores(), detail.ramGb(), detail.diskGb(), detail.ephemeralGb(), detail.os(), detail.status(),
                detail.startTime(), detail.startTimeAmbiguous(), detail.runningHours(), detail.totalCost(),
                detail.pricePerHour() != null ? detail.pricePerHour() : target.listPricePerHour(),
                detail.currency(), runId);
    }

    private FetchOutcome failure(FetchTarget target, FetchFailure.Kind kind, String reason, Integer httpStatus, int attempts) {
        return FetchOutcome.failed(target, new FetchFailure(target.reportDate(), target.instanceId(), kind, reason,
                httpStatus, attempts, clock.instant(), runId));
    }
}
