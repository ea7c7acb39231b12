package com.gpuledger.report;

import static com.gpuledger.report.ReportColumn.date;
import static com.gpuledger.report.ReportColumn.estimate;
import static com.gpuledger.report.ReportColumn.freeText;
import static com.gpuledger.report.ReportColumn.hours;
import static com.gpuledger.report.ReportColumn.instant;
import static com.gpuledger.report.ReportColumn.integer;
import static com.gpuledger.report.ReportColumn.money;
import static com.gpuledger.report.ReportColumn.text;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The column lists of the report files (contracts section 5), each shared by the CSV and the workbook writer. */
final class ReportColumns {

    static final List<ReportColumn<GroupedCostRow>> BY_REGION = grouped(true, false);

    static final List<ReportColumn<GroupedCostRow>> BY_GPU_TYPE = grouped(false, true);

    static final List<ReportColumn<GroupedCostRow>> BY_REGION_GPU_TYPE = grouped(true, true);

    static final List<ReportColumn<InstanceCostRow>> INSTANCES = List.of(
            date("report_date", InstanceCostRow::reportDate),
            text("instance_id", InstanceCostRow::instanceId),
            freeText("host_name", InstanceCostRow::hostName),
            freeText("region", InstanceCostRow::region),
            freeText("instance_type", InstanceCostRow::instanceType),
            freeText("gpu_type", InstanceCostRow::gpuType),
            integer("gpu_count", InstanceCostRow::gpuCount).totalled(),
            freeText("status", InstanceCostRow::status),
            instant("start_time", InstanceCostRow::startTime),
            instant("period_start", InstanceCostRow::periodStart),
            instant("period_end", InstanceCostRow::periodEnd),
            // cumulative counters since the instance started: a sum over instances means nothing for the day
            hours("running_hours_total", InstanceCostRow::runningHoursTotal),
            money("total_cost_usd", InstanceCostRow::totalCostUsd),
            text("basis", InstanceCostRow::basis),
            hours("hours", InstanceCostRow::hours).totalled(),
            money("cost_usd", InstanceCostRow::costUsd).totalled(),
            money("price_per_hour", InstanceCostRow::pricePerHour),
            money("expected_cost_usd", InstanceCostRow::expectedCostUsd).totalled(),
            // who it belongs to (contracts section 9), after the section 5 columns so positional readers keep working
            freeText("cost_center", row -> row.allocation().costCenter()),
            freeText("team", row -> row.allocation().team()),
            freeText("project", row -> row.allocation().project()),
            freeText("environment", row -> row.allocation().environment()));

    static final List<ReportColumn<FindingRow>> FINDINGS = List.of(
            date("report_date", FindingRow::reportDate),
            text("scope", FindingRow::scope),
            text("instance_id", FindingRow::instanceId),
            text("kind", FindingRow::kind),
            text("severity", FindingRow::severity),
            money("expected_usd", FindingRow::expectedUsd),
            money("actual_usd", FindingRow::actualUsd),
            money("difference_usd", FindingRow::differenceUsd),
            freeText("detail", FindingRow::detail));

    /** The month workbook's Days sheet: a day's month-to-date and forecast do not add up over days, so they are left out. */
    static final List<ReportColumn<GroupedCostRow>> MONTH_DAYS = List.of(
            date("report_date", GroupedCostRow::reportDate),
            freeText("region", GroupedCostRow::region),
            freeText("gpu_type", GroupedCostRow::gpuType),
            integer("instance_count", GroupedCostRow::instanceCount),
            integer("unknown_cost_count", GroupedCostRow::unknownCostCount),
            integer("gpu_count", GroupedCostRow::gpuCount),
            hours("gpu_hours", GroupedCostRow::gpuHours).totalled(),
            money("cost_usd", GroupedCostRow::costUsd).totalled());

    static final List<ReportColumn<MonthDay>> MONTH_DAILY = List.of(
            date("report_date", MonthDay::date),
            money("cost_usd", MonthDay::costUsd).totalled(),
            integer("unknown_cost_count", MonthDay::unknownCostCount).totalled(),
            text("account_status", MonthDay::accountStatus),
            money("account_instances_cost_usd", MonthDay::accountInstancesCostUsd).totalled(),
            money("account_charges_usd", MonthDay::accountChargesUsd).totalled(),
            money("account_difference_usd", MonthDay::accountDifferenceUsd).totalled(),
            money("account_bound_usd", MonthDay::accountBoundUsd),
            freeText("account_reason", MonthDay::accountReason),
            text("note", MonthDay::note));

    private ReportColumns() {
    }

    /** The month totals by region or by GPU type, each row marked with its month. */
    static List<ReportColumn<GroupedCostRow>> monthTotals(YearMonth month, boolean byRegion) {
        String monthText = month.toString();
        return List.of(
                text("month", row -> monthText),
                byRegion ? freeText("region", GroupedCostRow::region) : freeText("gpu_type", GroupedCostRow::gpuType),
                integer("instance_count", GroupedCostRow::instanceCount).totalled(),
                integer("unknown_cost_count", GroupedCostRow::unknownCostCount).totalled(),
                integer("gpu_count", GroupedCostRow::gpuCount).totalled(),
                hours("gpu_hours", GroupedCostRow::gpuHours).totalled(),
                money("cost_usd", GroupedCostRow::costUsd).totalled());
    }

    private static List<ReportColumn<GroupedCostRow>> grouped(boolean region, boolean gpuType) {
        List<ReportColumn<GroupedCostRow>> columns = new ArrayList<>();
        columns.add(date("report_date", GroupedCostRow::reportDate));
        if (region) {
            columns.add(freeText("region", GroupedCostRow::region));
        }
        if (gpuType) {
            columns.add(freeText("gpu_type", GroupedCostRow::gpuType));
        }
        columns.add(integer("instance_count", GroupedCostRow::instanceCount).totalled());
        columns.add(integer("unknown_cost_count", GroupedCostRow::unknownCostCount).totalled());
        columns.add(integer("gpu_count", GroupedCostRow::gpuCount).totalled());
        columns.add(hours("gpu_hours", GroupedCostRow::gpuHours).totalled());
        columns.add(money("cost_usd", GroupedCostRow::costUsd).totalled());
        columns.add(money("month_to_date_usd", GroupedCostRow::monthToDateUsd).totalled());
        // an estimate never feeds a sum (contracts section 7): the Summary sheet carries the month's forecast
        columns.add(estimate("forecast_month_usd", GroupedCostRow::forecastMonthUsd));
        return List.copyOf(columns);
    }
}
