package com.gpuledger.run;

import java.time.Clock;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The nightly job: one flow of the features' steps, identified by its report date. */
@Configuration(proxyBeanMethods = false)
class NightlyJobConfiguration {

    @Bean
    Job nightlyJob(JobRepository jobRepository, Step discoverInstancesStep, Step fetchSnapshotsStep, Step reconcileStep,
                   Step allocateStep, Step reportStep) {
        return new JobBuilder(NightlyRun.JOB_NAME, jobRepository)
                .start(discoverInstancesStep)
                .next(fetchSnapshotsStep)
                .next(reconcileStep)
                .next(allocateStep)
                .next(reportStep)
                .build();
    }

    /** "Now" for the job; the demo replaces it with the simulator's clock. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
