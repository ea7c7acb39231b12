package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Everything one report date's files are written from. Instances are streamed (100,000 must never sit in memory).
 * {@code account} may be null (no reconciliation for the date); {@code forecastMonthUsd} is an estimate made with
 * {@code forecastMethod}. {@code contribution} holds what other features add to the set (allocation's tables).
 */
public record DailyReport(LocalDate reportDate, ZoneId businessTimeZone, Instant periodStart, Instant periodEnd, long runId,
        String appVersion, String billingAccountId, String billingAccountName,
        BigDecimal totalCostUsd, BigDecimal monthToDateUsd, BigDecimal forecastMonthUsd, String forecastMethod,
        Map<String, Integer> countsByBasis, Map<String, Integer> findingsBySeverity, AccountCheck account,
        List<GroupedCostRow> byRegion, List<GroupedCostRow> byGpuType, List<GroupedCostRow> byRegionGpuType,
        RowSource<InstanceCostRow> instances, List<FindingRow> findings, List<DailyTotal> last30Days,
        ReportContribution contribution) {

    /** A set without contributions of other features. */
    public DailyReport(LocalDate reportDate, ZoneId businessTimeZone, Instant periodStart, Instant periodEnd, long runId,
            String appVersion, String billingAccountId, String billingAccountName,
            BigDecimal totalCostUsd, BigDecimal monthToDateUsd, BigDecimal forecastMonthUsd, String forecastMethod,
            Map<String, Integer> countsByBasis, Map<String, Integer> findingsBySeverity, AccountCheck account,
            List<GroupedCostRow> byRegion, List<GroupedCostRow> byGpuType, List<GroupedCostRow> byRegionGpuType,
            RowSource<InstanceCostRow> instances, List<FindingRow> findings, List<DailyTotal> last30Days) {
        this(reportDate, businessTimeZone, periodStart, periodEnd, runId, appVersion, billingAccountId, billingAccountName,
                totalCostUsd, monthToDateUsd, forecastMonthUsd, forecastMethod, countsByBasis, findingsBySeverity, account,
                byRegion, byGpuType, byRegionGpuType, instances, findings, last30Days, ReportContribution.NONE);
    }
}
