package com.gpuledger.metrics;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.LedgerProperties;
import com.gpuledger.report.ReportService;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

    @Bean
    RunMetricsFile runMetricsFile(MetricsProperties metrics, LedgerProperties properties, ReportService reports,
                                  JdbcClient jdbc) {
        return new RunMetricsFile(metrics.file() != null ? metrics.file() : properties.home().resolve("metrics/gpu_ledger.prom"),
                reports, new LastSuccess(jdbc));
    }
}
