package com.gpuledger.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The month-close workbook's input: one row per (day, region, GPU type) in {@code dayRegionGpuType} (its reportDate is
 * the day), month totals in {@code byRegion} and {@code byGpuType}, per day its total and account reconciliation, and
 * the sheets other features add ({@code contributed}).
 */
public record MonthReport(YearMonth month, ZoneId businessTimeZone, String appVersion,
        List<GroupedCostRow> dayRegionGpuType,
        List<GroupedCostRow> byRegion, List<GroupedCostRow> byGpuType,
        List<DailyTotal> days, Map<LocalDate, AccountCheck> accountByDay, List<ReportTable<?>> contributed) {

    /** A month close without sheets of other features. */
    public MonthReport(YearMonth month, ZoneId businessTimeZone, String appVersion, List<GroupedCostRow> dayRegionGpuType,
            List<GroupedCostRow> byRegion, List<GroupedCostRow> byGpuType, List<DailyTotal> days,
            Map<LocalDate, AccountCheck> accountByDay) {
        this(month, businessTimeZone, appVersion, dayRegionGpuType, byRegion, byGpuType, days, accountByDay, List.of());
    }
}
