package com.gpuledger.snapshot;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
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
import com.gpuledger.provider.ProviderProperties;

/**
 * The snapshot's two steps. Discovery builds the date's work list. The fetch step is partitioned locally: one worker
 * per {@code LEDGER_FETCH_CONCURRENCY}, each fetching its own range of the work list one instance at a time and
 * committing its own small chunks, so writing never stops the other requests in flight. The workers run in passes
 * until the work list has nothing pending ({@link SettlingPartitionHandler}).
 */
@Configuration(proxyBeanMethods = false)
class SnapshotStepsConfiguration {

    @Bean
    Step discoverInstancesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               InstanceLister lister, DetailPrefetch prefetch, SnapshotRepository snapshots, Clock clock) {
        return new StepBuilder("discoverInstancesStep", jobRepository)
                .tasklet(new DiscoverInstancesTasklet(lister, prefetch, snapshots, clock), transactionManager)
                .build();
    }

    @Bean
    Step fetchSnapshotsStep(JobRepository jobRepository, ProviderProperties provider, LedgerProperties ledger, PendingTargetPartitioner partitioner,
                            Step fetchPartitionStep, FetchProgress fetchProgress, TokenGuard tokenGuard,
                            ThreadPoolTaskExecutor fetchExecutor, SnapshotRepository snapshots, DetailPrefetch prefetch)
            throws Exception {
        TaskExecutorPartitionHandler workers = new TaskExecutorPartitionHandler();
        workers.setStep(fetchPartitionStep);
        workers.setTaskExecutor(fetchExecutor);
        workers.setGridSize(provider.fetch().concurrency());
        workers.afterPropertiesSet();
        return new StepBuilder("fetchSnapshotsStep", jobRepository)
                .partitioner("fetchPartitionStep", partitioner)
                .partitionHandler(new SettlingPartitionHandler(workers, snapshots, ledger.run().deadline()))
                .listener(fetchProgress)
                .listener(tokenGuard)
                .listener(prefetch)
                .build();
    }

    @Bean
    Step fetchPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ProviderProperties properties, ListItemReader<FetchTarget> pendingTargetReader,
                            FetchInstanceProcessor fetchInstanceProcessor, SnapshotRepository snapshots, Clock clock) {
        return new StepBuilder("fetchPartitionStep", jobRepository)
                .<FetchTarget, FetchOutcome>chunk(properties.fetch().chunkSize())
                .transactionManager(transactionManager)
                .reader(pendingTargetReader)
                .processor(fetchInstanceProcessor)
                .writer(new FetchOutcomeWriter(snapshots, transactionManager, clock))
                .build();
    }

    @Bean
    @StepScope
    PendingTargetPartitioner pendingTargetPartitioner(SnapshotRepository snapshots,
                                                      @Value("#{jobParameters['reportDate']}") LocalDate reportDate,
                                                      @Value("#{stepExecution.id}") Long stepExecutionId) {
        return new PendingTargetPartitioner(snapshots, reportDate, stepExecutionId);
    }

    /** Only what is still pending in the worker's range, read when the worker starts. */
    @Bean
    @StepScope
    ListItemReader<FetchTarget> pendingTargetReader(SnapshotRepository snapshots,
                                                    @Value("#{jobParameters['reportDate']}") LocalDate reportDate,
                                                    @Value("#{stepExecutionContext['fromId']}") String fromId,
                                                    @Value("#{stepExecutionContext['toId']}") String toId) {
        return new ListItemReader<>(snapshots.pendingTargets(reportDate, fromId, toId));
    }

    @Bean
    @StepScope
    FetchInstanceProcessor fetchInstanceProcessor(ProviderClient client, DetailPrefetch prefetch, Clock clock,
                                                  FetchProgress fetchProgress, TokenGuard tokenGuard,
                                                  @Value("#{jobParameters['runId']}") Long runId,
                                                  @Value("#{jobParameters['deadline']}") Long deadline) {
        return new FetchInstanceProcessor(client, prefetch, clock, fetchProgress, tokenGuard, runId, RunDeadline.of(deadline));
    }

    @Bean
    DetailPrefetch detailPrefetch(ProviderClient client, Clock clock, ProviderProperties properties) {
        return new DetailPrefetch(client, clock, properties.fetch().concurrency());
    }

    @Bean
    TokenGuard tokenGuard() {
        return new TokenGuard();
    }

    @Bean
    FetchProgress fetchProgress(SnapshotRepository snapshots) {
        return new FetchProgress(snapshots);
    }

    @Bean
    ThreadPoolTaskExecutor fetchExecutor(ProviderProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.fetch().concurrency());
        executor.setMaxPoolSize(properties.fetch().concurrency());
        executor.setThreadNamePrefix("fetch-");
        executor.setDaemon(true);
        return executor;
    }
}
