package com.gpuledger.snapshot;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.provider.ListedInstance;

/**
 * Builds the date's work list, in one transaction: every active instance, every deleted one not yet captured as
 * deleted nor found gone, and every instance last seen alive that no list names any more. A refresh (a later
 * generation of the same date) first puts the old snapshot aside. The details of listed instances are asked for while
 * the lists are still paged ({@link DetailPrefetch}).
 */
class DiscoverInstancesTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DiscoverInstancesTasklet.class);

    private final InstanceLister lister;
    private final DetailPrefetch prefetch;
    private final SnapshotRepository snapshots;
    private final Clock clock;

    DiscoverInstancesTasklet(InstanceLister lister, DetailPrefetch prefetch, SnapshotRepository snapshots, Clock clock) {
        this.lister = lister;
        this.prefetch = prefetch;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        LocalDate reportDate = parameters.getLocalDate("reportDate");
        long generation = parameters.getLong("generation");
        if (generation > 1) {
            snapshots.clearForRefresh(reportDate, parameters.getLong("runId"), clock.instant());
        }
        Set<String> settled = snapshots.settledDeletedIds(reportDate);
        Map<String, ListedInstance> active;
        Map<String, ListedInstance> deleted;
        prefetch.begin(parameters.getLong("runId"));
        try {
            // every listed instance but a deleted one already settled will be a target: its detail is asked for at once
            active = lister.listAll(InstanceLister.ACTIVE, page -> prefetch.offer(ids(page, Set.of())));
            deleted = lister.listAll(InstanceLister.DELETED, page -> prefetch.offer(ids(page, settled)));
        } catch (RuntimeException e) {
            prefetch.end();
            throw e;
        } finally {
            prefetch.listingEnded();
        }

        Map<String, FetchTarget> targets = new LinkedHashMap<>();
        active.values().forEach(listed -> targets.put(listed.id(),
                new FetchTarget(reportDate, listed.id(), SnapshotSource.ACTIVE, listed.pricePerHour(), listed.priceNote())));
        int newlyDeleted = 0;
        for (ListedInstance listed : deleted.values()) {
            if (!targets.containsKey(listed.id()) && !settled.contains(listed.id())) {
                targets.put(listed.id(), new FetchTarget(reportDate, listed.id(), SnapshotSource.DELETED, listed.pricePerHour(),
                        listed.priceNote()));
                newlyDeleted++;
            }
        }
        int unlisted = 0;
        for (FetchTarget previous : snapshots.previouslyLive(reportDate)) {
            if (!targets.containsKey(previous.instanceId()) && !deleted.containsKey(previous.instanceId())) {
                targets.put(previous.instanceId(), previous);
                unlisted++;
            }
        }
        snapshots.replaceTargets(reportDate, targets.values());
        contribution.incrementWriteCount(targets.size());
        log.info("discovered {} instances for {}: {} active, {} deleted not yet captured (of {} listed), {} no longer listed",
                targets.size(), reportDate, active.size(), newlyDeleted, deleted.size(), unlisted);
        return RepeatStatus.FINISHED;
    }

    private static List<String> ids(List<ListedInstance> page, Set<String> except) {
        return page.stream().map(ListedInstance::id).filter(id -> !except.contains(id)).toList();
    }
}
