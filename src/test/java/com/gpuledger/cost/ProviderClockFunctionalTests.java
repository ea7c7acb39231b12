package com.gpuledger.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.run.NightlyRun;
import com.gpuledger.run.RunOutcome;

/**
 * Attack: nights rehearsed against the simulator by moving its clock a day at a time, while this machine's clock
 * reads another date (here nine months later). The window, the periods and the first-seen rule were taken on the
 * machine's clock: the second night FAILed by thousands of dollars and instances started that day were baselines.
 * On the provider's clock, as its Date headers tell it, the nights behave as in production.
 */
class ProviderClockFunctionalTests {

    static final LocalDate FIRST = SimulatedNights.FIRST;
    static final Instant FIRST_RUN = SimulatedNights.FIRST_RUN;
    static final Instant MACHINE = Instant.parse("2026-12-08T10:00:00Z");

    @TempDir
    Path home;
    SimulatedNights nights;

    @AfterEach
    void stop() {
        if (nights != null) {
            nights.close();
        }
    }

    @Test
    void theFirstRunWithoutADateReportsTheProvidersYesterdayWhenItsClockIsDaysAhead() {
        // given: no run yet, the simulator's clock five days ahead of the machine's
        nights = new SimulatedNights(home, SimulatedNights.fleet(), FIRST_RUN.minus(Duration.ofDays(5)), false);
        nights.simulator.setNow(FIRST_RUN);

        // when: the first run, its date the default one
        NightlyRun nightlyRun = nights.harness.bean(NightlyRun.class);
        LocalDate yesterday = nightlyRun.yesterday();
        RunOutcome outcome = nights.harness.run(yesterday);

        // then: yesterday on the provider's calendar, not the machine's, and the night runs
        assertThat(yesterday).isEqualTo(FIRST);
        assertThat(outcome.exitCode().code()).as("%s", outcome.message()).isZero();
        assertThat(nights.jdbc.sql("SELECT report_date FROM ledger_run").query(LocalDate.class).list())
                .containsExactly(FIRST);
    }

    @Test
    void nightsRehearsedByMovingTheSimulatorsClockReconcileAsInProduction() {
        // given, when: three nights, the simulator's clock and the machine's (nine months later) each moved a day
        Instant firstRun = SimulatedNights.FIRST_RUN;
        nights = new SimulatedNights(home, SimulatedNights.fleet(), MACHINE, true).run(3);
        JdbcClient jdbc = nights.jdbc;

        // then: every night after the first OK, its window on the provider's clock
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM account_reconciliation ORDER BY report_date")
                .query().listOfRows();
        assertThat(rows).hasSize(3);
        for (int night = 1; night < 3; night++) {
            Map<String, Object> row = rows.get(night);
            assertThat(row).as("%s", row).containsEntry("status", "OK");
            assertThat((BigDecimal) row.get("bound_usd")).as("%s", row)
                    .isLessThanOrEqualTo(((BigDecimal) row.get("instances_cost_usd")).movePointLeft(2));
            assertThat(com.gpuledger.support.Instants.of(row.get("window_start"))).as("%s", row)
                    .isEqualTo(Instant.parse("2026-03-11T08:00:00Z").plus(Duration.ofDays(night - 1)));
            assertThat(com.gpuledger.support.Instants.of(row.get("window_end"))).as("%s", row)
                    .isEqualTo(Instant.parse("2026-03-12T07:00:00Z").plus(Duration.ofDays(night - 1)));
        }
        // and: instances started since the previous run are NEW, not baselines of unknown cost
        assertThat(jdbc.sql("SELECT COUNT(*) FROM daily_instance_cost WHERE report_date > ? AND basis = 'NEW'")
                .param(FIRST).query(Integer.class).single()).as("the precondition: instances started").isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM daily_instance_cost WHERE report_date > ? AND basis = 'BASELINE'")
                .param(FIRST).query(Integer.class).single()).isZero();
        // and: the skew is stored on each run, and said once a night
        List<Long> skews = jdbc.sql("SELECT provider_clock_skew_ms FROM ledger_run WHERE command = 'run' ORDER BY run_id")
                .query(Long.class).list();
        assertThat(skews).hasSize(3).allSatisfy(skew -> assertThat(Duration.ofMillis(skew))
                .isBetween(Duration.between(MACHINE, firstRun), Duration.between(MACHINE, firstRun).plusHours(1)));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reconciliation_finding WHERE kind = 'CLOCK_SKEW' AND severity = 'WARN'")
                .query(Integer.class).single()).isEqualTo(3);
    }

    /**
     * Attack: rehearsed forward, the simulator's clock days ahead of a machine that stands still, the second night's
     * date is in the future by the machine's calendar and the run was refused (exit 64). By the provider's, as the
     * previous run measured it, it is yesterday.
     */
    @Test
    void aDateIsInTheFutureOnlyByTheProvidersCalendar() {
        nights = new SimulatedNights(home, SimulatedNights.fleet(), Instant.parse("2026-03-10T12:00:00Z"), false).run(3);

        assertThat(nights.jdbc.sql("SELECT status FROM account_reconciliation ORDER BY report_date").query(String.class)
                .list()).containsExactly("WARN", "OK", "OK");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> nights.harness.run(FIRST.plusDays(4)))
                .as("a day ahead of the provider's calendar").isInstanceOf(com.gpuledger.run.UsageException.class)
                .hasMessageContaining("2026-03-14 is in the future (today is 2026-03-13");
    }
}
