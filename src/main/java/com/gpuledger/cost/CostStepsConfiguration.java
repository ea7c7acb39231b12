package com.gpuledger.cost;

import java.time.Clock;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.gpuledger.provider.ChargeHistoryLister;
import com.gpuledger.provider.ProviderClock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
class CostStepsConfiguration {

    /** After the snapshot: the account's charges, then the date's costs, findings and account reconciliation. */
    @Bean
    Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       ChargeHistoryLister chargeHistory, CostRepository repository, CostLedger ledger, Clock clock,
                       ProviderClock providerClock) {
        return new StepBuilder("reconcileStep", jobRepository)
                .tasklet(new ReconcileTasklet(chargeHistory, repository, ledger, clock, providerClock), transactionManager)
                .build();
    }
}
