package com.gpuledger.cost;

import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static com.gpuledger.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.cli.JobHarness;
import com.gpuledger.provider.InstanceLister;
import com.gpuledger.run.RunOutcome;
import com.gpuledger.support.MutableClock;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/**
 * Four runs over five dates: a new instance, a failed fetch, a missed night, a deletion, a counter reset, a price change
 * and an account charged $50 more than its instances show; exact amounts on every row. Run on H2 and PostgreSQL.
 */
abstract class DailyCostScenarios {

    static final LocalDate D1 = LocalDate.parse("2026-03-09");
    static final LocalDate D2 = LocalDate.parse("2026-03-10");
    static final LocalDate D4 = LocalDate.parse("2026-03-12");
    static final LocalDate D5 = LocalDate.parse("2026-03-13");
    static final Instant T1 = Instant.parse("2026-03-10T06:00:00Z");
    static final Instant T2 = Instant.parse("2026-03-11T06:00:00Z");
    static final Instant T4 = Instant.parse("2026-03-13T06:00:00Z");
    static final Instant T5 = Instant.parse("2026-03-14T06:00:00Z");
    static final String OLD_START = "EST 2026-03-01 10:00:00";

    @TempDir
    Path home;
    ProviderStubs provider;
    JdbcClient jdbc;
    JobHarness harness;
    final MutableClock clock = new MutableClock(T1);
    final TreeMap<Instant, BigDecimal> charges = new TreeMap<>();

    abstract TestDatabase database(Path home);

    @BeforeEach
    void start() {
        provider = new ProviderStubs();
        TestDatabase database = database(home);
        jdbc = database.jdbc();
        Map<String, String> environment = new LinkedHashMap<>(database.environment());
        environment.put("LEDGER_HOME", home.toString());
        environment.put("LEDGER_API_URL", provider.baseUrl());
        environment.put("LEDGER_API_TOKEN", ProviderStubs.TOKEN);
        environment.put("LEDGER_FETCH_BACKOFF", "5ms");
        environment.put("LEDGER_FETCH_ATTEMPTS", "2");
        harness = new JobHarness(environment, home, clock);
    }

    @AfterEach
    void stop() {
        harness.close();
        provider.close();
    }

    @Test
    void costsOverSeveralNightsAreExactAndTheAccountIsReconciled() {
        // night 1, the very first: every instance started earlier, so each is a baseline
        night(T1, Instant.parse("2026-03-09T02:00:00Z"), List.of(hourly(26 + 2, "5.5")),
                active("a", "1", "CANADA", "H100-80G-SXM", "10", "10"), active("b", "2", "CANADA", "A100-80G", "100", "200"),
                active("d", "1", "US-EAST", "L40S", "10", "10"), active("e", "0.5", "FINLAND", "RTX-4090", "10", "5"),
                active("f", "1", "FINLAND", "L40S", "10", "10"));
        RunOutcome first = harness.run(D1);
        assertThat(first.exitCode().code()).isZero();
        assertThat(costs(D1)).extracting(row -> row.get("basis")).containsOnly("BASELINE").hasSize(5);
        assertThat(account(D1)).containsEntry("status", "WARN");
        assertThat((BigDecimal) account(D1).get("account_charges_usd")).isEqualByComparingTo("143");
        assertThat((String) account(D1).get("reason")).contains("first night").contains("5 baseline");

        // night 2: c is new (started an hour after the first run), e cannot be fetched
        provider.reset();
        night(T2, T1, List.of(hourly(1, "5.5"), hourly(23, "7.5")),
                active("a", "1", "CANADA", "H100-80G-SXM", "34", "34"), active("b", "2", "CANADA", "A100-80G", "124", "248"),
                activeStarted("c", "2", "US-EAST", "A100-80G", "23", "46", "EST 2026-03-10 03:00:00"),
                active("d", "1", "US-EAST", "L40S", "34", "34"), active("f", "1", "FINLAND", "L40S", "34", "34"));
        provider.list(InstanceLister.ACTIVE, 2, listItem("\"a\"", "1", "Running"), listItem("\"b\"", "2", "Running"),
                listItem("\"c\"", "2", "Running"), listItem("\"d\"", "1", "Running"), listItem("\"e\"", "0.5", "Running"),
                listItem("\"f\"", "1", "Running"));
        provider.detail("e", status(500));
        assertThat(harness.run(D2).exitCode().code()).isEqualTo(2);
        assertCosts(D2, "a DELTA 24 24 1", "b DELTA 24 48 1", "c NEW 23 46 1", "d DELTA 24 24 1", "e NOT_CAPTURED - - 1",
                "f DELTA 24 24 1");
        assertAccount(D2, "166", "178", "-12", "0.0022", "WARN");
        assertThat(findings(D2)).contains("c NEW_INSTANCE INFO", "e NOT_CAPTURED WARN");

        // no run for 2026-03-11; night 4: d was deleted 6 hours into the gap, the account charged $50 more
        provider.reset();
        List<Map.Entry<Integer, String>> gap = List.of(hourly(6, "7.5"), hourly(4, "6.5"), hourly(1, "56.5"), hourly(37, "6.5"));
        night(T4, T2, gap, active("a", "1", "CANADA", "H100-80G-SXM", "82", "82"),
                active("b", "2", "CANADA", "A100-80G", "172", "344"),
                activeStarted("c", "2", "US-EAST", "A100-80G", "71", "142", "EST 2026-03-10 03:00:00"),
                active("e", "0.5", "FINLAND", "RTX-4090", "82", "41"), active("f", "1", "FINLAND", "L40S", "82", "82"));
        provider.list(InstanceLister.DELETED, 100, listItem("\"d\"", "1", "Deleted"));
        provider.detailOk("d", detail("\"d\"", "US-EAST", "L40S", 1, "Deleted", OLD_START, "40.0000 hours", "$40.0000"));
        RunOutcome fourth = harness.run(D4);
        assertThat(fourth.exitCode().code()).isEqualTo(3);
        assertThat(fourth.message()).contains("account reconciliation FAIL");
        assertCosts(D4, "a MULTI_DAY 48 48 2", "b MULTI_DAY 48 96 2", "c MULTI_DAY 48 96 2", "d MULTI_DAY 6 6 2",
                "e MULTI_DAY 72 36 3", "f MULTI_DAY 48 48 2");
        // e's delta reaches back over the night it failed: it ran through at $0.5/h, so the $12 it accrued before the
        // window is a correction, and the difference is the $50 the account charged more; the bound is the rounding
        // and e's read times to the second
        assertAccount(D4, "330", "368", "-50", "0.00387778", "FAIL");
        assertThat((BigDecimal) account(D4).get("corrections_usd")).isEqualByComparingTo("12");
        assertThat(findings(D4)).contains("- ACCOUNT_MISMATCH ERROR", "e MULTI_DAY INFO");

        // night 5: b's counter restarted 5 hours ago, f's price went up; d stays settled
        provider.reset();
        night(T5, T4, List.of(hourly(19, "5"), hourly(5, "7")), active("a", "1", "CANADA", "H100-80G-SXM", "106", "106"),
                active("b", "2", "CANADA", "A100-80G", "5", "10"),
                activeStarted("c", "2", "US-EAST", "A100-80G", "95", "190", "EST 2026-03-10 03:00:00"),
                active("e", "0.5", "FINLAND", "RTX-4090", "106", "53"), active("f", "1.5", "FINLAND", "L40S", "106", "118"));
        provider.list(InstanceLister.DELETED, 100, listItem("\"d\"", "1", "Deleted"));
        assertThat(harness.run(D5).exitCode().code()).isZero();
        assertThat(provider.requestsFor("/computing/instance/d")).isZero();
        assertCosts(D5, "a DELTA 24 24 1", "b RESET 5 10 1", "c DELTA 24 48 1", "e DELTA 24 12 1", "f DELTA 24 36 1");
        assertAccount(D5, "130", "130", "0", "0.0022", "OK");
        assertThat(findings(D5)).contains("b COUNTER_RESET WARN", "f PRICE_CHANGED INFO").doesNotContain("f RATE_MISMATCH WARN");

        // and: a day's instance rows, its region, GPU type and cross totals all add up to the same amount
        for (LocalDate date : List.of(D2, D4, D5)) {
            BigDecimal rows = jdbc.sql("SELECT SUM(cost_usd) FROM daily_instance_cost WHERE report_date = ?").param(date).query(BigDecimal.class).single();
            for (String groups : List.of("region", "gpu_type", "region, gpu_type")) {
                List<BigDecimal> sums = jdbc.sql("SELECT SUM(cost_usd) FROM daily_instance_cost WHERE report_date = ? GROUP BY " + groups)
                        .param(date).query(BigDecimal.class).list();
                assertThat(sums.stream().filter(s -> s != null).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(rows);
            }
            assertThat((BigDecimal) account(date).get("instances_cost_usd")).isEqualByComparingTo(rows);
        }

        // and: the analysts' views agree with the base tables
        for (LocalDate date : List.of(D2, D4, D5)) {
            assertThat(jdbc.sql("SELECT SUM(cost_usd) FROM v_daily_cost WHERE report_date = ?").param(date).query(BigDecimal.class).single())
                    .isEqualByComparingTo(jdbc.sql("SELECT SUM(cost_usd) FROM daily_instance_cost WHERE report_date = ?").param(date)
                            .query(BigDecimal.class).single());
        }
        assertThat(jdbc.sql("SELECT unknown_cost_count FROM v_daily_cost WHERE report_date = ? AND region = 'FINLAND'").param(D2)
                .query(Integer.class).list()).containsExactlyInAnyOrder(1, 0);
        assertThat(jdbc.sql("SELECT SUM(month_to_date_usd) FROM v_month_to_date WHERE report_date = ?").param(D5)
                .query(BigDecimal.class).single()).isEqualByComparingTo("626");
        assertThat(jdbc.sql("SELECT cost_usd FROM v_instance_cost_history WHERE instance_id = 'e' ORDER BY report_date")
                .query(BigDecimal.class).list()).containsExactly(null, null, new BigDecimal("36.00000000"), new BigDecimal("12.00000000"));
        assertThat(jdbc.sql("SELECT instance_id || ' ' || kind FROM v_open_findings").query(String.class).list())
                .containsExactly("b COUNTER_RESET");

        // and: rebuilding every date from the database gives identical rows
        String derived = "SELECT * FROM daily_instance_cost ORDER BY report_date, instance_id";
        String derivedFindings = "SELECT report_date, scope, instance_id, kind, severity, expected_usd, actual_usd, difference_usd, detail "
                + "FROM reconciliation_finding ORDER BY report_date, kind, instance_id";
        String derivedAccount = "SELECT * FROM account_reconciliation ORDER BY report_date";
        List<Map<String, Object>> before = jdbc.sql(derived).query().listOfRows();
        List<Map<String, Object>> findingsBefore = jdbc.sql(derivedFindings).query().listOfRows();
        List<Map<String, Object>> accountBefore = jdbc.sql(derivedAccount).query().listOfRows();
        CostLedger ledger = harness.bean(CostLedger.class);
        for (LocalDate date : List.of(D1, D2, D4, D5)) {
            ledger.rebuild(date);
        }
        assertThat(jdbc.sql(derived).query().listOfRows()).isEqualTo(before);
        assertThat(jdbc.sql(derivedFindings).query().listOfRows()).isEqualTo(findingsBefore);
        assertThat(jdbc.sql(derivedAccount).query().listOfRows()).isEqualTo(accountBefore);
    }

    /**
     * Two nights of what real payloads do: a field renamed and a new one (drift, noted once), a stop and start that
     * restarts the hours but not the cost, a provider clock an hour ahead of the job's on the second night, and a
     * closed charge hour restated.
     */
    @Test
    void driftRestartsAndTheProvidersOwnClock() {
        // night 1: a's payload calls its region "location" and carries a field nobody knows
        night(T1, Instant.parse("2026-03-09T02:00:00Z"), List.of(hourly(28, "2")),
                active("a", "1", "CANADA", "H100-80G-SXM", "10", "10"), active("b", "1", "CANADA", "A100-80G", "10", "10"));
        provider.detail("a", com.github.tomakehurst.wiremock.client.WireMock.okJson(drifted(detail("\"a\"", "CANADA",
                "H100-80G-SXM", 1, "Running", OLD_START, "10.0000 hours", "$10.0000"))).withHeader("Date", httpDate(T1)));
        provider.detail("b", com.github.tomakehurst.wiremock.client.WireMock.okJson(detail("\"b\"", "CANADA", "A100-80G", 1,
                "Running", OLD_START, "10.0000 hours", "$10.0000")).withHeader("Date", httpDate(T1)));
        assertThat(harness.run(D1).exitCode().code()).isZero();
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding WHERE kind = 'PAYLOAD_DRIFT' ORDER BY detail")
                .query(String.class).list()).containsExactly(
                "field 'billing_tier' is not one the parser knows in 1 of 2 payloads: ignored, first seen on this date (names and counts only, never values)",
                "field 'location' is not one the parser knows in 1 of 2 payloads: ignored, first seen on this date (names and counts only, never values)",
                "known field 'region' was absent in 1 of 2 payloads, first seen on this date (names and counts only, never values)");
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding").query(String.class).list())
                .noneMatch(detail -> detail.contains("gold-planted"));
        assertThat(jdbc.sql("SELECT region FROM daily_instance_cost WHERE instance_id = 'a'").query(String.class).single())
                .isEqualTo("UNKNOWN");

        // night 2: a stopped and started again (hours restarted, cost went on); the provider's clock is an hour ahead,
        // so b ran 25 hours by it in what the job's clock calls 24; the hour before the first run is restated
        provider.reset();
        charges.put(Instant.parse("2026-03-10T05:00:00Z"), new BigDecimal("2.5"));
        night(T2, T1, List.of(hourly(24, "2")), active("a", "1", "CANADA", "H100-80G-SXM", "6", "34"),
                active("b", "1", "CANADA", "A100-80G", "35", "35"));
        provider.detail("a", com.github.tomakehurst.wiremock.client.WireMock.okJson(drifted(detail("\"a\"", "CANADA",
                "H100-80G-SXM", 1, "Running", OLD_START, "6.0000 hours", "$34.0000")))
                .withHeader("Date", httpDate(T2.plus(Duration.ofHours(1)))));
        provider.detail("b", com.github.tomakehurst.wiremock.client.WireMock.okJson(detail("\"b\"", "CANADA", "A100-80G", 1,
                "Running", OLD_START, "35.0000 hours", "$35.0000")).withHeader("Date", httpDate(T2.plus(Duration.ofHours(1)))));
        assertThat(harness.run(D2).exitCode().code()).isZero();

        // then: a's cost is its delta, its hours those since the restart, unchecked against the price
        Map<String, Object> a = jdbc.sql("SELECT * FROM daily_instance_cost WHERE report_date = ? AND instance_id = 'a'")
                .param(D2).query().singleRow();
        assertThat(a).containsEntry("basis", "DELTA");
        assertThat((BigDecimal) a.get("cost_usd")).isEqualByComparingTo("24");
        assertThat((BigDecimal) a.get("hours")).isEqualByComparingTo("6");
        assertThat(a.get("expected_cost_usd")).isNull();
        assertThat(findings(D2)).contains("a HOURS_RESET WARN", "- CHARGE_RESTATED INFO")
                .doesNotContain("a COUNTER_RESET WARN", "a RATE_MISMATCH WARN", "b HOURS_EXCEED_ELAPSED WARN",
                        "- PAYLOAD_DRIFT INFO");
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding WHERE report_date = ? AND kind = 'CHARGE_RESTATED'")
                .param(D2).query(String.class).single()).contains("2026-03-10T05:00:00Z").contains("computing $2 became $2.5");
        assertThat((BigDecimal) jdbc.sql("SELECT cost_usd FROM daily_instance_cost WHERE report_date = ? AND instance_id = 'b'")
                .param(D2).query(BigDecimal.class).single()).isEqualByComparingTo("25");
    }

    /**
     * Attack: a machine the provider's list leaves out, costing 1% of the night: the account is charged for it and
     * no instance shows it. The night FAILs (exit 3) and says what one instance at its price costs, also beside two
     * first-seen baselines whose unknown cost could explain part of a shortfall (at most $3.60 here).
     */
    @ParameterizedTest(name = "beside {0} baselines")
    @ValueSource(ints = {0, 2})
    void aMachineMissingFromTheListFailsTheNight(int baselines) {
        // night 1, the very first: $49.50/h of instances, all baselines, and g at $0.50/h that no list shows; what
        // the five could have cost at most is already less than the charges
        night(T1, Instant.parse("2026-03-09T02:00:00Z"), List.of(hourly(28, "50")),
                active("a", "10", "CANADA", "H100-80G-SXM", "10", "100"), active("b", "10", "CANADA", "H100-80G-SXM", "10", "100"),
                active("c", "20", "US-EAST", "H100-80G-SXM", "10", "200"), active("d", "9", "US-EAST", "A100-80G", "10", "90"),
                active("e", "0.5", "FINLAND", "RTX-4090", "10", "5"));
        assertThat(harness.run(D1).exitCode().code()).isEqualTo(3);
        assertThat(account(D1)).containsEntry("status", "FAIL");

        // night 2: 24 hours of everything, g still charged and still not listed; with the baselines x and y
        provider.reset();
        List<String[]> fleet = new java.util.ArrayList<>(List.of(
                active("a", "10", "CANADA", "H100-80G-SXM", "34", "340"), active("b", "10", "CANADA", "H100-80G-SXM", "34", "340"),
                active("c", "20", "US-EAST", "H100-80G-SXM", "34", "680"), active("d", "9", "US-EAST", "A100-80G", "34", "306"),
                active("e", "0.5", "FINLAND", "RTX-4090", "34", "17")));
        if (baselines > 0) {
            fleet.add(active("x", "0.05", "FINLAND", "RTX-4090", "100", "5"));
            fleet.add(active("y", "0.1", "FINLAND", "RTX-4090", "100", "10"));
        }
        night(T2, T1, List.of(hourly(24, baselines > 0 ? "50.15" : "50")), fleet.toArray(String[][]::new));
        RunOutcome second = harness.run(D2);

        // then
        assertThat(second.exitCode().code()).isEqualTo(3);
        assertThat(second.message()).contains("account reconciliation FAIL");
        assertAccount(D2, "1188", baselines > 0 ? "1203.6" : "1200", baselines > 0 ? "-15.6" : "-12", "0.0022", "FAIL");
        assertThat((String) account(D2).get("reason")).contains((baselines > 0 ? "at least $12.00" : "; $12.00")
                + " unexplained: what one instance at $0.5/h costs in 24.0 h");
        if (baselines > 0) {
            assertThat((BigDecimal) account(D2).get("unknown_max_usd")).isEqualByComparingTo("3.6");
            assertThat(findings(D2)).contains("x BASELINE INFO", "y BASELINE INFO");
        }
        assertThat(findings(D2)).contains("- ACCOUNT_MISMATCH ERROR");
    }

    /**
     * Attack: PAYLOAD_DRIFT is meant once per new name, on the first date it is seen. It is compared with the previous
     * date's drift only, so a night on which the one drifted payload could not be fetched (an HTTP 500) makes the
     * same names "first seen on this date" again the night after: operators told of the same drift twice, and told
     * wrongly when it began.
     */
    @Test
    void driftSeenBeforeANightWithoutItIsNotNewAgain() {
        // night 1: a's payload drifts
        night(T1, Instant.parse("2026-03-09T02:00:00Z"), List.of(hourly(28, "2")),
                active("a", "1", "CANADA", "H100-80G-SXM", "10", "10"), active("b", "1", "CANADA", "A100-80G", "10", "10"));
        provider.detailOk("a", drifted(detail("\"a\"", "CANADA", "H100-80G-SXM", 1, "Running", OLD_START, "10.0000 hours",
                "$10.0000")));
        assertThat(harness.run(D1).exitCode().code()).isZero();
        assertThat(findings(D1)).contains("- PAYLOAD_DRIFT INFO");

        // night 2: a cannot be fetched
        provider.reset();
        night(T2, T1, List.of(hourly(24, "2")), active("a", "1", "CANADA", "H100-80G-SXM", "34", "34"),
                active("b", "1", "CANADA", "A100-80G", "34", "34"));
        provider.detail("a", status(500));
        assertThat(harness.run(D2).exitCode().code()).isEqualTo(2);

        // night 4: a's payload drifts as it did on night 1
        provider.reset();
        night(T4, T2, List.of(hourly(48, "2")), active("a", "1", "CANADA", "H100-80G-SXM", "82", "82"),
                active("b", "1", "CANADA", "A100-80G", "82", "82"));
        provider.detailOk("a", drifted(detail("\"a\"", "CANADA", "H100-80G-SXM", 1, "Running", OLD_START, "82.0000 hours",
                "$82.0000")));
        assertThat(harness.run(D4).exitCode().code()).isZero();

        // then: the names were first seen on night 1, not again on night 4
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding WHERE report_date = ? AND kind = 'PAYLOAD_DRIFT'")
                .param(D4).query(String.class).list()).isEmpty();
    }

    /**
     * Attack: HOURS_EXCEED_ELAPSED measures a period from the previous snapshot's countersAt() to tonight's, each the
     * provider's Date header when it sent one, else the job's clock. When only one end has a Date header (a proxy or a
     * retry that answered without one, or a snapshot taken before observed_at existed), the period is measured from
     * one clock to the other: with the provider's clock an hour ahead, 24 hours run in 24 hours become "24 running
     * hours in a period of 23", the false WARN issue 12 set out to end.
     */
    @Test
    void aPeriodIsNeverMeasuredFromOneClockToTheOther() {
        // night 1: the provider's clock is an hour ahead of the job's and says so
        night(T1, Instant.parse("2026-03-09T02:00:00Z"), List.of(hourly(28, "1")),
                active("b", "1", "CANADA", "A100-80G", "10", "10"));
        provider.detail("b", com.github.tomakehurst.wiremock.client.WireMock.okJson(detail("\"b\"", "CANADA", "A100-80G", 1,
                "Running", OLD_START, "10.0000 hours", "$10.0000")).withHeader("Date", httpDate(T1.plus(Duration.ofHours(1)))));
        assertThat(harness.run(D1).exitCode().code()).isZero();

        // night 2: still an hour ahead, but this answer carries no Date header; b ran the 24 hours in between
        provider.reset();
        night(T2, T1, List.of(hourly(24, "1")), active("b", "1", "CANADA", "A100-80G", "34", "34"));
        assertThat(harness.run(D2).exitCode().code()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot WHERE report_date = ? AND observed_at IS NULL").param(D2)
                .query(Integer.class).single()).as("the precondition: no provider clock on night 2").isEqualTo(1);

        // then
        assertThat(findings(D2)).doesNotContain("b HOURS_EXCEED_ELAPSED WARN");
    }

    /**
     * Attack: the forecast leaves out the days whose costs are mostly unknown, but only for the fleet. A group's
     * forecast (cost-by-region's forecast_month_usd) averages its sum over the fleet's days, so a day on which the
     * group's only instance could not be captured counts for the group as a day of $0: FINLAND, $24 a day, is
     * forecast at $24 + $12 x 20 = $264 instead of $504 (or no forecast), the plunge issue 12 removed from the total.
     */
    @Test
    void aGroupsForecastDoesNotAverageItsUnknownDayAsZero() {
        LocalDate d3 = LocalDate.parse("2026-03-11");
        Instant t3 = Instant.parse("2026-03-12T06:00:00Z");
        // night 1 (baselines, left out of the average), night 2: both known at $24
        night(T1, Instant.parse("2026-03-09T02:00:00Z"), List.of(hourly(28, "2")),
                active("a", "1", "CANADA", "H100-80G-SXM", "10", "10"), active("b", "1", "FINLAND", "L40S", "10", "10"));
        assertThat(harness.run(D1).exitCode().code()).isZero();
        provider.reset();
        night(T2, T1, List.of(hourly(24, "2")), active("a", "1", "CANADA", "H100-80G-SXM", "34", "34"),
                active("b", "1", "FINLAND", "L40S", "34", "34"));
        assertThat(harness.run(D2).exitCode().code()).isZero();

        // night 3: b, FINLAND's only instance, cannot be fetched (half the fleet: the day is not "mostly unknown")
        provider.reset();
        night(t3, T2, List.of(hourly(24, "2")), active("a", "1", "CANADA", "H100-80G-SXM", "58", "58"),
                active("b", "1", "FINLAND", "L40S", "58", "58"));
        provider.detail("b", status(500));
        assertThat(harness.run(d3).exitCode().code()).isEqualTo(2);

        // then: FINLAND's forecast is not pulled down by the day it was unknown
        String finland = readLines(home.resolve("reports").resolve(d3.toString()).resolve("cost-by-region-" + d3 + ".csv"))
                .stream().filter(line -> line.startsWith(d3 + ",FINLAND,")).findFirst().orElseThrow();
        String forecast = finland.substring(finland.lastIndexOf(',') + 1).replace("\"", "");
        assertThat(forecast).as(finland).isIn("", "504.0000");
    }

    /**
     * Attack: the forecast's trailing average divides the costs booked in its window by the number of report dates in
     * it, but a night without a run books two days on the next date (MULTI_DAY, "not spread by invention"). At $24 a
     * day with 2026-03-11 missed, the window holds $24 (03-10) and $48 (03-12) over two dates: $36 a day, forecast
     * $72 + $36 x 19 = $756 instead of $72 + $24 x 19 = $528. A day that has no report is an unknown the average
     * counts as half of another day.
     */
    @Test
    void aMissedNightDoesNotInflateTheForecastsDailyAverage() {
        // night 1 (a baseline, left out of the average), night 2 at $24
        night(T1, Instant.parse("2026-03-09T02:00:00Z"), List.of(hourly(28, "1")),
                active("a", "1", "CANADA", "H100-80G-SXM", "10", "10"));
        assertThat(harness.run(D1).exitCode().code()).isZero();
        provider.reset();
        night(T2, T1, List.of(hourly(24, "1")), active("a", "1", "CANADA", "H100-80G-SXM", "34", "34"));
        assertThat(harness.run(D2).exitCode().code()).isZero();

        // no run for 2026-03-11; night 4: two days at $24, booked on 2026-03-12
        provider.reset();
        night(T4, T2, List.of(hourly(48, "1")), active("a", "1", "CANADA", "H100-80G-SXM", "82", "82"));
        assertThat(harness.run(D4).exitCode().code()).isZero();

        // then: $24 a day, not $36
        String canada = readLines(home.resolve("reports").resolve(D4.toString()).resolve("cost-by-region-" + D4 + ".csv"))
                .stream().filter(line -> line.startsWith(D4 + ",CANADA,")).findFirst().orElseThrow();
        assertThat(canada.substring(canada.lastIndexOf(',') + 1)).as(canada).isEqualTo("528.0000");
    }

    private static List<String> readLines(Path file) {
        try {
            return java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The payload with its region under another name and a field the parser does not know. */
    private static String drifted(String body) {
        return body.replace("\"region\":\"CANADA\"", "\"location\":\"CANADA\",\"billing_tier\":\"gold-planted\"");
    }

    private static String httpDate(Instant instant) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(java.time.ZoneOffset.UTC));
    }

    /** Sets the clock to the run's instant, stubs the lists and details, and extends the charge history to the run. */
    private void night(Instant runAt, Instant chargesFrom, List<Map.Entry<Integer, String>> hourlyCharges, String[]... instances) {
        clock.set(runAt);
        Instant hour = chargesFrom;
        for (Map.Entry<Integer, String> run : hourlyCharges) {
            for (int i = 0; i < run.getKey(); i++) {
                charges.put(hour, new BigDecimal(run.getValue()));
                hour = hour.plus(Duration.ofHours(1));
            }
        }
        assertThat(hour).as("charges reach the run").isEqualTo(runAt);
        provider.creditHistory(charges);
        provider.list(InstanceLister.ACTIVE, 2, java.util.Arrays.stream(instances).map(i -> listItem("\"" + i[0] + "\"", i[1], "Running"))
                .toArray(String[]::new));
        provider.list(InstanceLister.DELETED, 100);
        for (String[] i : instances) {
            provider.detailOk(i[0], detail("\"" + i[0] + "\"", i[2], i[3], 1, "Running", i[6], i[4] + ".0000 hours", "$" + i[5] + ".0000"));
        }
    }

    private static String[] active(String id, String price, String region, String gpu, String hours, String cost) {
        return activeStarted(id, price, region, gpu, hours, cost, OLD_START);
    }

    private static String[] activeStarted(String id, String price, String region, String gpu, String hours, String cost, String start) {
        return new String[]{id, price, region, gpu, hours, cost, start};
    }

    private static Map.Entry<Integer, String> hourly(int hours, String amount) {
        return Map.entry(hours, amount);
    }

    private List<Map<String, Object>> costs(LocalDate date) {
        return jdbc.sql("SELECT * FROM daily_instance_cost WHERE report_date = ? ORDER BY instance_id").param(date).query().listOfRows();
    }

    /** Each expected row as "id basis hours cost days", "-" for NULL. */
    private void assertCosts(LocalDate date, String... expected) {
        assertThat(costs(date)).hasSize(expected.length);
        List<Map<String, Object>> rows = costs(date);
        for (int i = 0; i < expected.length; i++) {
            String[] e = expected[i].split(" ");
            Map<String, Object> row = rows.get(i);
            assertThat(row).as(expected[i]).containsEntry("instance_id", e[0]).containsEntry("basis", e[1])
                    .containsEntry("days_covered", Integer.parseInt(e[4]));
            assertDecimal(row.get("hours"), e[2], expected[i]);
            assertDecimal(row.get("cost_usd"), e[3], expected[i]);
            if (!e[2].equals("-")) {
                assertThat((BigDecimal) row.get("expected_cost_usd")).as(expected[i]).isEqualByComparingTo((BigDecimal) row.get("cost_usd"));
            }
        }
    }

    private void assertAccount(LocalDate date, String instances, String charges, String difference, String bound, String status) {
        Map<String, Object> row = account(date);
        assertThat(row).containsEntry("status", status);
        assertDecimal(row.get("instances_cost_usd"), instances, "instances_cost_usd");
        assertDecimal(row.get("account_charges_usd"), charges, "account_charges_usd");
        assertDecimal(row.get("difference_usd"), difference, "difference_usd");
        assertThat(((BigDecimal) row.get("instances_cost_usd")).subtract((BigDecimal) row.get("corrections_usd"))
                .subtract((BigDecimal) row.get("account_charges_usd"))).as("difference = instances - corrections - charges")
                .isEqualByComparingTo((BigDecimal) row.get("difference_usd"));
        assertDecimal(row.get("bound_usd"), bound, "bound_usd");
        assertThat(com.gpuledger.support.Instants.of(row.get("window_end"))).isEqualTo(clock.instant());
    }

    private static void assertDecimal(Object actual, String expected, String what) {
        if (expected.equals("-")) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat((BigDecimal) actual).as(what).isEqualByComparingTo(expected);
        }
    }

    private Map<String, Object> account(LocalDate date) {
        return jdbc.sql("SELECT * FROM account_reconciliation WHERE report_date = ?").param(date).query().singleRow();
    }

    private List<String> findings(LocalDate date) {
        return jdbc.sql("SELECT instance_id, kind, severity FROM reconciliation_finding WHERE report_date = ?").param(date)
                .query((rs, n) -> (rs.getString(1) == null ? "-" : rs.getString(1)) + " " + rs.getString(2) + " " + rs.getString(3)).list();
    }
}
