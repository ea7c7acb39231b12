package com.gpuledger.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.gpuledger.provider.FieldNote;
import com.gpuledger.provider.InstanceDetail;
import com.gpuledger.provider.ListedInstance;
import com.gpuledger.provider.ProviderCallException;
import com.gpuledger.provider.ProviderClient;
import com.gpuledger.provider.ProviderNotFoundException;
import com.gpuledger.provider.TokenRefusedException;

/**
 * Fetches one instance's detail; each fetch worker runs one at a time. Every outcome is a row, captured or failed
 * with its reason: whatever goes wrong with one instance (an HTTP failure, a value of the wrong type, a value the
 * database could not hold, an exception nobody foresaw) is caught here, at the instance's boundary, and costs that
 * instance alone. A detail the discovery already prefetched ({@link DetailPrefetch}) is taken as if fetched here, its
 * failure included. Only a refused token escapes: it stops every worker of the run. Past the run's deadline a target is
 * passed over (filtered, so it stays pending) and the worker soon ends, the outcomes it has written.
 */
class FetchInstanceProcessor implements ItemProcessor<FetchTarget, FetchOutcome> {

    private static final Logger log = LoggerFactory.getLogger(FetchInstanceProcessor.class);

    private final ProviderClient client;
    private final DetailPrefetch prefetch;
    private final Clock clock;
    private final FetchProgress progress;
    private final TokenGuard tokenGuard;
    private final long runId;
    private final RunDeadline deadline;

    FetchInstanceProcessor(ProviderClient client, DetailPrefetch prefetch, Clock clock, FetchProgress progress,
                           TokenGuard tokenGuard, long runId, RunDeadline deadline) {
        this.client = client;
        this.prefetch = prefetch;
        this.clock = clock;
        this.progress = progress;
        this.tokenGuard = tokenGuard;
        this.runId = runId;
        this.deadline = deadline;
    }

    @Override
    public FetchOutcome process(FetchTarget target) {
        tokenGuard.check();
        if (deadline.passed()) {
            return null;
        }
        long start = System.nanoTime();
        try {
            DetailPrefetch.Fetched prefetched = prefetch.take(runId, target.instanceId());
            InstanceDetail detail = prefetched != null ? prefetched.detail() : client.fetchInstance(target.instanceId());
            InstanceSnapshot snapshot = snapshot(target, detail, prefetched != null ? prefetched.at() : clock.instant());
            String problem = SnapshotLimits.counterProblem(snapshot);
            if (problem != null) {
                log.warn("instance {}: {}", target.instanceId(), problem);
                return failure(target, "instance " + target.instanceId() + ": " + problem + " (HTTP 200)", 200, 1);
            }
            snapshot = SnapshotLimits.withinLimits(snapshot,
                    detail.pricePerHour() != null ? "price_per_hour" : ListedInstance.LIST_PRICE);
            snapshot.notes().stream().filter(note -> note.kind() == FieldNote.Kind.UNREADABLE).forEach(note ->
                    log.warn("instance {}: field '{}' has value '{}': {}; not used, the instance is captured",
                            target.instanceId(), note.field(), note.value(), note.problem()));
            return FetchOutcome.captured(target, snapshot);
        } catch (TokenRefusedException e) {
            tokenGuard.refused(e);
            throw e;
        } catch (ProviderNotFoundException e) {
            log.info("instance {} ({}): not found, it vanished", target.instanceId(), target.source());
            return FetchOutcome.failed(target, failureRow(target, FetchFailure.Kind.NOT_FOUND,
                    "the provider does not know the instance any more (" + e.getMessage() + ")", 404, e.attempts()));
        } catch (ProviderCallException e) {
            log.warn("instance {}: {}", target.instanceId(), e.getMessage());
            return failure(target, e.getMessage(), e.httpStatus(), e.attempts());
        } catch (RuntimeException e) {
            String reason = "instance " + target.instanceId() + ": its detail could not be taken ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            log.warn("{}", reason);
            return failure(target, reason, null, 1);
        } finally {
            progress.itemDone(System.nanoTime() - start);
        }
    }

    private InstanceSnapshot snapshot(FetchTarget target, InstanceDetail detail, Instant fetchedAt) {
        return new InstanceSnapshot(target.reportDate(), target.instanceId(), fetchedAt, target.source(),
                detail.region(), detail.instanceType(), detail.hostName(), detail.gpuType(), detail.gpuCount(),
                detail.cpuCores(), detail.ramGb(), detail.diskGb(), detail.ephemeralGb(), detail.os(), detail.status(),
                detail.startTime(), detail.startTimeAmbiguous(), detail.runningHours(), detail.totalCost(),
                detail.pricePerHour() != null ? detail.pricePerHour() : target.listPricePerHour(),
                detail.currency(), runId, detail.observedAt(), notes(target, detail));
    }

    /** The detail's notes, and the list's when its price could not be read. */
    private static List<FieldNote> notes(FetchTarget target, InstanceDetail detail) {
        if (target.listPriceNote() == null) {
            return detail.notes();
        }
        List<FieldNote> notes = new ArrayList<>(detail.notes());
        notes.add(target.listPriceNote());
        return notes;
    }

    private FetchOutcome failure(FetchTarget target, String reason, Integer httpStatus, int attempts) {
        return FetchOutcome.failed(target, failureRow(target, FetchFailure.Kind.FAILED, reason, httpStatus, attempts));
    }

    private FetchFailure failureRow(FetchTarget target, FetchFailure.Kind kind, String reason, Integer httpStatus, int attempts) {
        return new FetchFailure(target.reportDate(), target.instanceId(), kind, reason, httpStatus, attempts,
                clock.instant(), runId);
    }
}
