package com.gpuledger.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.gpuledger.report.DailyReport;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;

/** A value the report model does not know is no sample, never a 0. */
class RunMetricsDayTests {

    @Test
    void aDayWhoseCostsAreAllUnknownHasNoCostSampleAndNoReconciliationWithoutOne() {
        // given: every cost unknown, no account reconciliation
        DailyReport day = new DailyReport(LocalDate.parse("2026-11-24"), ZoneId.of("UTC"), null, null, 1L, "test", "acct", "",
                null, 12, null, null, "LINEAR", Map.of("BASELINE", 12), Map.of("INFO", 12), null, List.of(), List.of(), List.of(),
                action -> { }, List.of(), List.of(), null);

        // when
        Map<String, GaugeSnapshot> gauges = byName(RunMetricsFile.day(day.figures(), "2026-11-24"));

        // then
        assertThat(gauges.get("gpu_ledger_daily_cost_usd").getDataPoints()).isEmpty();
        assertThat(gauges.get("gpu_ledger_reconciliation_difference_usd").getDataPoints()).isEmpty();
        assertThat(gauges.get("gpu_ledger_reconciliation_status").getDataPoints()).isEmpty();
        assertThat(gauges.get("gpu_ledger_daily_unknown_cost_instances").getDataPoints()).singleElement()
                .satisfies(point -> assertThat(point.getValue()).isEqualTo(12.0));
        assertThat(gauges.get("gpu_ledger_findings").getDataPoints()).hasSize(3);
    }

    @Test
    void aKnownCostIsItsValue() {
        DailyReport day = new DailyReport(LocalDate.parse("2026-11-24"), ZoneId.of("UTC"), null, null, 1L, "test", "acct", "",
                new BigDecimal("11045.67930000"), 0, null, null, "LINEAR", Map.of(), Map.of(), null, List.of(), List.of(), List.of(),
                action -> { }, List.of(), List.of(), null);

        Map<String, GaugeSnapshot> gauges = byName(RunMetricsFile.day(day.figures(), "2026-11-24"));

        assertThat(gauges.get("gpu_ledger_daily_cost_usd").getDataPoints()).singleElement()
                .satisfies(point -> assertThat(point.getValue()).isEqualTo(11045.6793));
    }

    private static Map<String, GaugeSnapshot> byName(List<GaugeSnapshot> gauges) {
        Map<String, GaugeSnapshot> byName = new java.util.HashMap<>();
        gauges.forEach(gauge -> byName.put(gauge.getMetadata().getPrometheusName(), gauge));
        return byName;
    }
}
