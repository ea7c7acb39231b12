package com.gpuledger.metrics;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code LEDGER_METRICS_FILE}: where the run's metrics are written; default {@code $LEDGER_HOME/metrics/gpu_ledger.prom}. */
@ConfigurationProperties("ledger.metrics")
record MetricsProperties(Path file) {
}
