package com.gpuledger.allocation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.gpuledger.delivery.CostCenters;
import com.gpuledger.report.MonthForecast;

/**
 * Allocation as the day's mail shows it: the cost centers by cost (the sum of their allocations, an unknown staying
 * unknown) and the budgets in force, the same figures as the reports' By Cost Center sheet and Budgets block.
 */
@Component
class MailCostCenters implements CostCenters {

    private final AllocationRepository repository;
    private final AllocationLedger ledger;

    MailCostCenters(AllocationRepository repository, AllocationLedger ledger) {
        this.repository = repository;
        this.ledger = ledger;
    }

    @Override
    public List<CostCenterCost> top(LocalDate reportDate, int limit) {
        if (ledger.rulesFor(reportDate).rules().isEmpty()) {
            // no allocation in use: everything is 'unallocated', which the mail need not say
            return List.of();
        }
        MonthForecast.Trailing trailing = repository.trailing(reportDate);
        Map<String, CostCenterCost> byCostCenter = new LinkedHashMap<>();
        for (AllocationRepository.Group group : repository.groups(reportDate, trailing)) {
            CostCenterCost cost = new CostCenterCost(group.allocation().costCenter(), group.costUsd(), group.unknownCostCount(),
                    group.monthToDateUsd());
            byCostCenter.merge(cost.costCenter(), cost, MailCostCenters::sum);
        }
        return byCostCenter.values().stream()
                .sorted(Comparator.comparing(CostCenterCost::costUsd, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(limit).toList();
    }

    @Override
    public List<CostCenters.BudgetStatus> budgets(LocalDate reportDate) {
        return ledger.budgets(reportDate, ledger.rulesFor(reportDate)).stream()
                .map(status -> new CostCenters.BudgetStatus(status.label(), status.limitUsd(), status.monthToDateUsd(),
                        status.forecastMonthUsd(), status.status()))
                .toList();
    }

    private static CostCenterCost sum(CostCenterCost a, CostCenterCost b) {
        return new CostCenterCost(a.costCenter(), add(a.costUsd(), b.costUsd()), a.unknownCostCount() + b.unknownCostCount(),
                add(a.monthToDateUsd(), b.monthToDateUsd()));
    }

    /** A sum of what is known; unknown only when both are. */
    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.add(b);
    }
}
