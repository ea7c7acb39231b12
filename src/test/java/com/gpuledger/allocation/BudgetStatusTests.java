package com.gpuledger.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A budget's status at its edges: "above" is strictly above, for warn_at, the forecast and the budget itself. */
class BudgetStatusTests {

    private static final Budget BUDGET = new Budget(Budget.Scope.TEAM, "ml", new BigDecimal("1000"), null,
            new BigDecimal("0.8"), 1);

    @ParameterizedTest(name = "month to date {0}, forecast {1}: {2}")
    @CsvSource({
            "0,          0,          OK,   0.000000",
            "800,        1000,       OK,   0.800000",
            "800.0001,   1000,       WARN, 0.800000",
            "100,        1000.00001, WARN, 0.100000",
            "1000,       1000,       WARN, 1.000000",
            "1000.00001, 1000.00001, OVER, 1.000000",
            "2500,       3000,       OVER, 2.500000",
            "333.3333333,400,        OK,   0.333333"})
    void statusAndShare(String monthToDate, String forecast, String status, String share) {
        BudgetStatus budget = BudgetStatus.of(LocalDate.parse("2026-11-20"), BUDGET, new BigDecimal(monthToDate),
                new BigDecimal(forecast));
        assertThat(budget.status()).isEqualTo(status);
        assertThat(budget.usedShare()).isEqualByComparingTo(share);
        assertThat(budget.usedShare().scale()).isEqualTo(6);
    }
}
