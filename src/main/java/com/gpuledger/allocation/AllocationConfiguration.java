package com.gpuledger.allocation;

import java.time.LocalDate;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.gpuledger.LedgerProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AllocationProperties.class)
class AllocationConfiguration {

    /** Read and checked when the context starts, unless the command line already did (it registers the file it read). */
    @Bean
    @ConditionalOnMissingBean
    AllocationFile allocationFile(AllocationProperties allocation, LedgerProperties ledger) {
        return AllocationFile.load(allocation.fileUnder(ledger.home()));
    }

    /** After the costs: the file becomes the rules in force from the date, and the date's lines are allocated. */
    @Bean
    Step allocateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, AllocationLedger ledger) {
        return new StepBuilder("allocateStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    LocalDate reportDate = chunkContext.getStepContext().getStepExecution().getJobParameters().getLocalDate("reportDate");
                    ledger.adopt(reportDate);
                    ledger.rebuild(reportDate);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
