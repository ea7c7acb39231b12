package com.gpuledger.metrics;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.LedgerProperties;
import com.gpuledger.report.ReportService;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

    /** Only a scheduled run ({@code run --metrics}, as nightly.sh runs it) writes the file monitoring reads. */
    @Bean
    @ConditionalOnBooleanProperty(UnstartedRunMetrics.SCHEDULED_RUN)
    RunMetricsFile runMetricsFile(MetricsProperties metrics, LedgerProperties properties, ReportService reports,
                                  JdbcClient jdbc) {
        return new RunMetricsFile(file(metrics.file(), properties.home()), reports, LastSuccess.fromRuns(jdbc),
                DeliveryStates.fromDeliveries(jdbc));
    }

    /** {@code LEDGER_METRICS_FILE}, a relative one under {@code LEDGER_HOME}; default {@code $LEDGER_HOME/metrics/gpu_ledger.prom}. */
    static Path file(Path configured, Path home) {
        return configured == null ? defaultFile(home) : home.resolve(configured);
    }

    static Path defaultFile(Path home) {
        return home.resolve("metrics/gpu_ledger.prom");
    }
}
