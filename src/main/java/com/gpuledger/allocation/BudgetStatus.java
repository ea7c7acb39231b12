package com.gpuledger.allocation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * A budget on a report date: month to date (exact, a sum of stored costs) and the forecast (an estimate) against the
 * limit. {@code OVER}: month to date above the budget; {@code WARN}: month to date above {@code warn_at} of it, or the
 * forecast above it; else {@code OK}. The forecast is null when no day of its window can be averaged. {@code usedShare} is month to date / budget, DECIMAL64 at scale 6.
 */
record BudgetStatus(LocalDate reportDate, Budget budget, BigDecimal monthToDateUsd, BigDecimal forecastMonthUsd,
        BigDecimal usedShare, String status) {

    static final String OK = "OK";
    static final String WARN = "WARN";
    static final String OVER = "OVER";
    static final String NONE = "NONE";

    static BudgetStatus of(LocalDate reportDate, Budget budget, BigDecimal monthToDate, BigDecimal forecast) {
        BigDecimal limit = budget.monthlyUsd();
        String status;
        if (monthToDate.compareTo(limit) > 0) {
            status = OVER;
        } else if (monthToDate.compareTo(limit.multiply(budget.warnAt())) > 0 || forecast != null && forecast.compareTo(limit) > 0) {
            status = WARN;
        } else {
            status = OK;
        }
        return new BudgetStatus(reportDate, budget, monthToDate, forecast,
                monthToDate.divide(limit, MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP), status);
    }

    String label() {
        return budget.label();
    }

    BigDecimal limitUsd() {
        return budget.monthlyUsd();
    }

    BigDecimal warnAt() {
        return budget.warnAt();
    }

    String scope() {
        return budget.scope().name();
    }
}
