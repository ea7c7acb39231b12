package com.gpuledger.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: the provider documents its charge history in two shapes. Served the transaction shape, the job read no
 * charge hour ("field 'update_time' is missing"), ended with exit 0 and one WARN line, and never reconciled the
 * account again. Read whole, the same nights reconcile to the same figures as with hourly buckets, and the purchases
 * of credits are kept apart: a top-up is not a cost.
 */
class ChargeShapeFunctionalTests {

    static final String FIGURES = """
            SELECT report_date, window_start, window_end, instances_cost_usd, corrections_usd, account_charges_usd,
                   difference_usd, bound_usd, status FROM account_reconciliation ORDER BY report_date""";

    @TempDir
    Path home;

    @Test
    void transactionsReconcileToTheSameFiguresAsHourlyBuckets() throws Exception {
        List<Map<String, Object>> hourly;
        try (SimulatedNights nights = new SimulatedNights(Files.createDirectory(home.resolve("hours")),
                SimulatedNights.fleet(), Instant.parse("2026-03-11T08:00:00Z"), true).run(3)) {
            hourly = nights.jdbc.sql(FIGURES).query().listOfRows();
        }
        try (SimulatedNights nights = new SimulatedNights(Files.createDirectory(home.resolve("transactions")),
                SimulatedNights.fleet().withTransactionHistory(true), Instant.parse("2026-03-11T08:00:00Z"), true).run(3)) {
            List<Map<String, Object>> transactions = nights.jdbc.sql(FIGURES).query().listOfRows();

            assertThat(transactions).isEqualTo(hourly);
            assertThat(transactions).extracting(row -> row.get("status")).containsExactly("WARN", "OK", "OK");
            // the purchases: stored apart, every 3 days from the history's start, none of them a charge
            assertThat(nights.jdbc.sql("SELECT COUNT(*) FROM account_credit_purchase").query(Integer.class).single())
                    .isPositive();
            assertThat(nights.jdbc.sql("SELECT DISTINCT credit_amount FROM account_credit_purchase").query(BigDecimal.class)
                    .list()).singleElement().satisfies(amount -> assertThat(amount).isEqualByComparingTo("30000"));
            assertThat(nights.jdbc.sql("SELECT MAX(computing_amount) FROM account_charge_hour").query(BigDecimal.class)
                    .single()).isLessThan(new BigDecimal("1000"));
        }
    }
}
