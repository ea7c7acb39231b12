package com.gpuledger.snapshot;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import com.gpuledger.LedgerProperties;
import com.gpuledger.provider.InstanceLister;
import com.gpuledger.provider.ProviderClient;

/**
 * The two steps of the snapshot: discovery builds the date's work list; the fetch step reads what is still pending,
 * fetches {@code LEDGER_FETCH_CONCURRENCY} details at a time and writes each chunk in one transaction.
 */
@Configuration(proxyBeanMethods = false)
class SnapshotStepsConfiguration {

    @Bean
    Step discoverInstancesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               InstanceLister lister, SnapshotRepository snapshots, Clock clock) {
        return new StepBuilder("discoverInstancesStep", jobRepository)
                .tasklet(new DiscoverInstancesTasklet(lister, snapshots, clock), transactionManager)
                .build();
    }

    @Bean
    Step fetchSnapshotsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            LedgerProperties properties, ListItemReader<FetchTarget> pendingTargetReader,
                            FetchInstanceProcessor fetchInstanceProcessor, SnapshotRepository snapshots,
                            FetchProgress fetchProgress, ThreadPoolTaskExecutor fetchExecutor) {
        return new StepBuilder("fetchSnapshotsStep", jobRepository)
                .<FetchTarget, FetchOutcome>chunk(properties.fetch().effectiveChunkSize())
                .transactionManager(transactionManager)
                .reader(pendingTargetReader)
                .processor(fetchInstanceProcessor)
                .writer(chunk -> snapshots.write(chunk.getItems()))
                .taskExecutor(fetchExecutor)
                .listener(fetchProgress)
                .build();
    }

    /** Only what is still pending: a restarted run goes on where the killed one stopped. */
    @Bean
    @StepScope
    ListItemReader<FetchTarget> pendingTargetReader(SnapshotRepository snapshots,
                                                    @Value("#{jobParameters['reportDate']}") LocalDate reportDate) {
        return new ListItemReader<>(snapshots.pendingTargets(reportDate));
    }

    @Bean
    @StepScope
    FetchInstanceProcessor fetchInstanceProcessor(ProviderClient client, Clock clock, FetchProgress fetchProgress,
                                                  @Value("#{jobParameters['runId']}") Long runId) {
        return new FetchInstanceProcessor(client, clock, fetchProgress, runId);
    }

    @Bean
    FetchProgress fetchProgress(SnapshotRepository snapshots) {
        return new FetchProgress(snapshots);
    }

    @Bean
    ThreadPoolTaskExecutor fetchExecutor(LedgerProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.fetch().concurrency());
        executor.setMaxPoolSize(properties.fetch().concurrency());
        executor.setThreadNamePrefix("fetch-");
        executor.setDaemon(true);
        return executor;
    }
}
