package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.gpuledger.report.focus.FocusInputs;

/**
 * Everything one report date's files are written from. Instances are streamed (100,000 must never sit in memory).
 * {@code account} may be null (no reconciliation for the date); {@code forecastMonthUsd} is an estimate made with
 * {@code forecastMethod}. {@code totalCostUsd} is null when every cost of the date is unknown, never 0;
 * {@code unknownCostCount} instances of the date have an unknown cost. {@code focus} is what the FOCUS file needs
 * beyond the rows. {@code contribution} holds what other features add to the set (allocation's tables).
 */
public record DailyReport(LocalDate reportDate, ZoneId businessTimeZone, Instant periodStart, Instant periodEnd, long runId,
        String appVersion, String billingAccountId, String billingAccountName,
        BigDecimal totalCostUsd, int unknownCostCount, BigDecimal monthToDateUsd, BigDecimal forecastMonthUsd, String forecastMethod,
        Map<String, Integer> countsByBasis, Map<String, Integer> findingsBySeverity, AccountCheck account,
        List<GroupedCostRow> byRegion, List<GroupedCostRow> byGpuType, List<GroupedCostRow> byRegionGpuType,
        RowSource<InstanceCostRow> instances, List<FindingRow> findings, List<DailyTotal> last30Days,
        FocusInputs focus, ReportContribution contribution) {

    /** A set without contributions of other features. */
    public DailyReport(LocalDate reportDate, ZoneId businessTimeZone, Instant periodStart, Instant periodEnd, long runId,
            String appVersion, String billingAccountId, String billingAccountName,
            BigDecimal totalCostUsd, int unknownCostCount, BigDecimal monthToDateUsd, BigDecimal forecastMonthUsd,
            String forecastMethod, Map<String, Integer> countsByBasis, Map<String, Integer> findingsBySeverity,
            AccountCheck account, List<GroupedCostRow> byRegion, List<GroupedCostRow> byGpuType,
            List<GroupedCostRow> byRegionGpuType, RowSource<InstanceCostRow> instances, List<FindingRow> findings,
            List<DailyTotal> last30Days, FocusInputs focus) {
        this(reportDate, businessTimeZone, periodStart, periodEnd, runId, appVersion, billingAccountId, billingAccountName,
                totalCostUsd, unknownCostCount, monthToDateUsd, forecastMonthUsd, forecastMethod, countsByBasis,
                findingsBySeverity, account, byRegion, byGpuType, byRegionGpuType, instances, findings, last30Days, focus,
                ReportContribution.NONE);
    }

    public DayFigures figures() {
        return new DayFigures(reportDate, totalCostUsd, unknownCostCount, account, findingsBySeverity);
    }
}
