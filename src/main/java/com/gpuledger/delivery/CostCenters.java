package com.gpuledger.delivery;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The seam through which allocation (contracts section 9) shows in the day's mail: the cost centers by cost and the
 * budgets. Without allocation the default shows nothing, and the mail leaves both parts out.
 */
public interface CostCenters {

    CostCenters NONE = new CostCenters() {
    };

    /** The date's cost centers by cost, highest first, at most {@code limit}. */
    default List<CostCenterCost> top(LocalDate reportDate, int limit) {
        return List.of();
    }

    /** The budgets in force on the date. */
    default List<BudgetStatus> budgets(LocalDate reportDate) {
        return List.of();
    }

    /** @param costUsd null when every cost of the cost center is unknown */
    record CostCenterCost(String costCenter, BigDecimal costUsd, int unknownCostCount, BigDecimal monthToDateUsd) {
    }

    /** @param status OK, WARN, OVER or NONE */
    record BudgetStatus(String scope, BigDecimal monthlyUsd, BigDecimal monthToDateUsd, BigDecimal forecastMonthUsd,
                        String status) {
    }
}
