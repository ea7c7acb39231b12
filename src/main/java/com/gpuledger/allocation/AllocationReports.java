package com.gpuledger.allocation;

import static com.gpuledger.report.ReportColumn.date;
import static com.gpuledger.report.ReportColumn.estimate;
import static com.gpuledger.report.ReportColumn.freeText;
import static com.gpuledger.report.ReportColumn.hours;
import static com.gpuledger.report.ReportColumn.integer;
import static com.gpuledger.report.ReportColumn.money;
import static com.gpuledger.report.ReportColumn.share;
import static com.gpuledger.report.ReportColumn.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.gpuledger.report.MonthForecast;
import com.gpuledger.report.ReportColumn;
import com.gpuledger.report.ReportContribution;
import com.gpuledger.report.ReportContributor;
import com.gpuledger.report.ReportTable;
import com.gpuledger.report.SummaryTable;

/**
 * What allocation adds to the report sets (contracts section 9): {@code cost-by-cost-center-D.csv} and its
 * {@code By Cost Center} sheet, the {@code Budgets} block on the Summary, and the month workbook's By Cost Center and
 * Budgets sheets. The rows of a date sum to the date's total exactly: every cost line is in exactly one group.
 */
@Component
class AllocationReports implements ReportContributor {

    static final String SHEET = "By Cost Center";
    static final String BUDGETS = "Budgets";

    static final List<ReportColumn<CostCenterRow>> COST_CENTER_COLUMNS = List.of(
            date("report_date", CostCenterRow::reportDate),
            freeText("cost_center", CostCenterRow::costCenter),
            freeText("team", CostCenterRow::team),
            freeText("project", CostCenterRow::project),
            freeText("environment", CostCenterRow::environment),
            integer("instance_count", CostCenterRow::instanceCount).totalled(),
            integer("unknown_cost_count", CostCenterRow::unknownCostCount).totalled(),
            hours("gpu_hours", CostCenterRow::gpuHours).totalled(),
            money("cost_usd", CostCenterRow::costUsd).totalled(),
            money("month_to_date_usd", CostCenterRow::monthToDateUsd).totalled(),
            estimate("forecast_month_usd", CostCenterRow::forecastMonthUsd),
            money("budget_usd", CostCenterRow::budgetUsd),
            share("budget_used_share", CostCenterRow::budgetUsedShare),
            text("budget_status", CostCenterRow::budgetStatus));

    static final List<ReportColumn<BudgetStatus>> BUDGET_COLUMNS = List.of(
            freeText("budget", BudgetStatus::label),
            money("limit_usd", BudgetStatus::limitUsd),
            money("used_usd", BudgetStatus::monthToDateUsd),
            estimate("forecast_usd", BudgetStatus::forecastMonthUsd),
            share("used_share", BudgetStatus::usedShare),
            share("warn_at", BudgetStatus::warnAt),
            text("status", BudgetStatus::status),
            date("report_date", BudgetStatus::reportDate));

    /** The sort of every allocation table: by cost center, team, project, environment; empty values last. */
    private static final Comparator<CostCenterRow> ORDER = Comparator
            .comparing(CostCenterRow::costCenter, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(CostCenterRow::team, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(CostCenterRow::project, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(CostCenterRow::environment, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    private final AllocationRepository repository;
    private final AllocationLedger ledger;

    AllocationReports(AllocationRepository repository, AllocationLedger ledger) {
        this.repository = repository;
        this.ledger = ledger;
    }

    static String fileName(LocalDate reportDate) {
        return "cost-by-cost-center-" + reportDate + ".csv";
    }

    @Override
    public ReportContribution day(LocalDate reportDate) {
        List<BudgetStatus> budgets = ledger.budgets(reportDate, ledger.rulesFor(reportDate));
        Map<String, BudgetStatus> byCostCenter = byCostCenter(budgets);
        MonthForecast.Trailing trailing = repository.trailing(reportDate);
        List<CostCenterRow> rows = repository.groups(reportDate, trailing).stream()
                .map(group -> row(reportDate, group, MonthForecast.of(reportDate, group.monthToDateUsd(), group.trailingUsd(),
                        trailing), byCostCenter))
                .sorted(ORDER).toList();
        return new ReportContribution(
                List.of(new ReportTable<>(SHEET, fileName(reportDate), COST_CENTER_COLUMNS, rows, true)),
                List.of(new SummaryTable<>(BUDGETS + " " + YearMonth.from(reportDate) + " (USD)", BUDGET_COLUMNS, budgets,
                        "Budgets " + YearMonth.from(reportDate) + ": used, forecast, limit (USD)", "budget",
                        List.of("used_usd", "forecast_usd", "limit_usd"),
                        "no budget of the allocation file applies to " + YearMonth.from(reportDate))));
    }

    /** The month's totals per allocation, and the budgets as they stood on the month's last report date. */
    @Override
    public List<ReportTable<?>> month(YearMonth month) {
        Optional<LocalDate> last = repository.lastDateWithCosts(month.atDay(1), month.atEndOfMonth());
        if (last.isEmpty()) {
            return List.of();
        }
        List<BudgetStatus> budgets = ledger.budgets(last.get(), ledger.rulesFor(last.get()));
        Map<String, BudgetStatus> byCostCenter = byCostCenter(budgets);
        List<CostCenterRow> rows = repository.totals(month.atDay(1), month.atEndOfMonth()).stream()
                .map(group -> row(last.get(), group, null, byCostCenter))
                .sorted(ORDER).toList();
        return List.of(new ReportTable<>(SHEET, null, COST_CENTER_COLUMNS, rows, true),
                new ReportTable<>(BUDGETS, null, BUDGET_COLUMNS, budgets, false));
    }

    private static Map<String, BudgetStatus> byCostCenter(List<BudgetStatus> budgets) {
        return budgets.stream().filter(status -> status.budget().scope() == Budget.Scope.COST_CENTER)
                .collect(Collectors.toMap(status -> status.budget().name(), Function.identity()));
    }

    private static CostCenterRow row(LocalDate date, AllocationRepository.Group group, BigDecimal forecast,
                                     Map<String, BudgetStatus> budgets) {
        Optional<BudgetStatus> budget = Optional.ofNullable(budgets.get(group.allocation().costCenter()));
        return new CostCenterRow(date, group.allocation().costCenter(), group.allocation().team(), group.allocation().project(),
                group.allocation().environment(), group.instanceCount(), group.unknownCostCount(), group.gpuHours(),
                group.costUsd(), group.monthToDateUsd(), forecast, budget.map(BudgetStatus::limitUsd).orElse(null),
                budget.map(BudgetStatus::usedShare).orElse(null), budget.map(BudgetStatus::status).orElse(BudgetStatus.NONE));
    }
}
