package com.gpuledger.report;

import java.time.LocalDate;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.gpuledger.report.focus.FocusProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ReportProperties.class, FocusProperties.class})
class ReportStepsConfiguration {

    /** Last: the date's report set, and on the first run of a month the previous month's close. */
    @Bean
    Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ReportService reports) {
        return new StepBuilder("reportStep", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    LocalDate reportDate = chunkContext.getStepContext().getStepExecution().getJobParameters().getLocalDate("reportDate");
                    reports.refreshStatistics();
                    reports.publishDay(reportDate);
                    reports.closePreviousMonth(reportDate);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
