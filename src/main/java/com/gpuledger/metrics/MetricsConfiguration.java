package com.gpuledger.metrics;

import java.nio.file.Path;

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
        return new RunMetricsFile(metrics.file() != null ? metrics.file() : defaultFile(properties.home()), reports,
                LastSuccess.fromRuns(jdbc));
    }

    static Path defaultFile(Path home) {
        return home.resolve("metrics/gpu_ledger.prom");
    }
}
