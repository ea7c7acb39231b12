package com.gpuledger.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.gpuledger.cost.AccountReconciliation.Status;
import com.gpuledger.provider.ChargeHour;

class AccountReconcilerTests {

    static final LocalDate D = LocalDate.parse("2026-03-10");
    static final Instant START = Instant.parse("2026-03-10T06:00:00Z");
    static final Instant END = Instant.parse("2026-03-11T06:00:00Z");

    private final AccountReconciler reconciler = new AccountReconciler(DailyCostCalculatorTests.THRESHOLDS);

    @ParameterizedTest(name = "instances ${0} against 24 hours of $10: {1}")
    @CsvSource(delimiter = '|', value = {
            "240      | OK",
            "240.01   | OK",
            "239.99   | OK",
            "240.02   | WARN",
            "244.80   | WARN",
            "244.81   | FAIL",
            "235.19   | FAIL",
    })
    void statusByDifference(BigDecimal instances, Status status) {
        AccountReconciler.Result result = reconcile(instances, null, BigDecimal.ZERO, Duration.ZERO, hours(START, 24, "10"));

        AccountReconciliation row = result.reconciliation();
        assertThat(row.accountChargesUsd()).isEqualByComparingTo("240");
        assertThat(row.differenceUsd()).isEqualByComparingTo(instances.subtract(new BigDecimal("240")));
        assertThat(row.boundUsd()).isEqualByComparingTo("0");
        assertThat(row.status()).isEqualTo(status);
        assertThat(result.findings()).extracting(ReconciliationFinding::kind)
                .containsExactly(status == Status.OK ? new String[0] : new String[]{"ACCOUNT_MISMATCH"});
    }

    @Test
    void bucketsCutByTheWindowCountInProportionAndWidenTheBound() {
        // given: the window starts half-way through the first bucket and ends half-way through the last
        List<ChargeHour> charges = hours(START.minus(Duration.ofMinutes(30)), 25, "10");

        // when
        AccountReconciliation row = reconcile(new BigDecimal("240"), null, BigDecimal.ZERO, Duration.ZERO, charges).reconciliation();

        // then
        assertThat(row.accountChargesUsd()).isEqualByComparingTo("240");
        assertThat(row.boundUsd()).isEqualByComparingTo("20");
        assertThat(row.status()).isEqualTo(Status.OK);
    }

    /**
     * Attack: the run's start, which is the window's edge, has sub-second precision (stored as a timestamp with
     * microseconds; runs start at 02:07:13.6, not 02:00:00). The overlap of a bucket with the window is taken as whole
     * seconds (Duration.toSeconds truncates), so a bucket cut half a second from its end counts for a second less and
     * a bucket the window enters half a second before its end counts for nothing and leaves the bound altogether.
     * Exactly, charges are $14.40 and both cut buckets widen the bound: the difference sits on the OK limit. As
     * computed, the charges are $14.398, the bound $7.20, and the night FAILs (exit 3).
     */
    @Test
    void aWindowEdgeInsideASecondIsStillExact() {
        // given: three hours of $7.20; the window is two hours, starting and ending half a second into an hour
        Instant start = START.plusMillis(500);
        Instant end = START.plus(Duration.ofHours(2)).plusMillis(500);
        List<ChargeHour> charges = hours(START, 3, "7.2");

        // when: the instances show the charges, plus the two cut buckets, plus the slack
        AccountReconciliation row = reconciler.reconcile(new AccountReconciler.Inputs(D, start, end, new BigDecimal("28.81"),
                null, BigDecimal.ZERO, Duration.ZERO, charges, null, false, Fraction.ZERO)).reconciliation();

        // then
        assertThat(row.accountChargesUsd()).isEqualByComparingTo("14.4");
        assertThat(row.boundUsd()).isEqualByComparingTo("14.4");
        assertThat(row.status()).isEqualTo(Status.OK);
    }

    @Test
    void theFetchDurationWidensTheBoundByTheFleetsHourlyRate() {
        AccountReconciliation row = reconcile(new BigDecimal("245"), null, new BigDecimal("10"), Duration.ofMinutes(30),
                hours(START, 24, "10")).reconciliation();

        assertThat(row.boundUsd()).isEqualByComparingTo("5");
        assertThat(row.status()).isEqualTo(Status.OK);
    }

    @ParameterizedTest(name = "instances ${0} with unknown costs: {1}")
    @CsvSource({"240, WARN", "200, WARN", "300, FAIL"})
    void unknownCostsMakeANightAtBestWarnButCannotExplainAnExcess(BigDecimal instances, Status status) {
        AccountReconciliation row = reconcile(instances, "2 baseline, 1 not captured", BigDecimal.ZERO, Duration.ZERO,
                hours(START, 24, "10")).reconciliation();

        assertThat(row.status()).isEqualTo(status);
        assertThat(row.reason()).contains("2 baseline, 1 not captured");
    }

    @Test
    void serverlessChargesAreReportedAsNotReconciled() {
        List<ChargeHour> charges = new ArrayList<>(hours(START, 24, "10"));
        charges.set(3, new ChargeHour(charges.get(3).bucketStart(), charges.get(3).bucketEnd(), BigDecimal.TEN,
                new BigDecimal("2.5"), new BigDecimal("12.5"), "266"));

        AccountReconciler.Result result = reconcile(new BigDecimal("240"), null, BigDecimal.ZERO, Duration.ZERO, charges);

        assertThat(result.reconciliation().status()).isEqualTo(Status.OK);
        assertThat(result.reconciliation().reason()).contains("serverless charges $2.5");
        assertThat(result.findings()).extracting(ReconciliationFinding::kind).containsExactly("SERVERLESS_NOT_RECONCILED");
    }

    @Test
    void aThirdOfABucketIsCountedExactlyNotRoundedBeforeTheStatusIsDecided() {
        // given: the window cuts 20 minutes of the last bucket of $0.0001: a share of 0.0000333... that no decimal holds
        Instant end = START.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(20));
        List<ChargeHour> charges = new ArrayList<>(hours(START, 24, "10"));
        charges.add(new ChargeHour(END, END.plus(Duration.ofHours(1)), new BigDecimal("0.0001"), BigDecimal.ZERO,
                new BigDecimal("0.0001"), "266"));
        BigDecimal slack = DailyCostCalculatorTests.THRESHOLDS.accountOkSlack();

        // when: the instances are exactly the bound + slack above the charges, or a hair beyond
        // (charges 240.0000333..., bound 0.0001 + 0.01 slack: OK up to 240.0101333...)
        AccountReconciliation atLimit = reconciler.reconcile(new AccountReconciler.Inputs(D, START, end,
                new BigDecimal("240.01013333"), null, BigDecimal.ZERO, Duration.ZERO, charges, null, false, Fraction.ZERO))
                .reconciliation();
        AccountReconciliation beyond = reconciler.reconcile(new AccountReconciler.Inputs(D, START, end,
                new BigDecimal("240.01013334"), null, BigDecimal.ZERO, Duration.ZERO, charges, null, false, Fraction.ZERO))
                .reconciliation();

        // then: decided on the exact values; stored at 8 decimals
        assertThat(slack).isEqualByComparingTo("0.01");
        assertThat(atLimit.status()).isEqualTo(Status.OK);
        assertThat(beyond.status()).isEqualTo(Status.WARN);
        assertThat(atLimit.accountChargesUsd()).isEqualByComparingTo("240.00003333");
        assertThat(atLimit.boundUsd()).isEqualByComparingTo("0.0001");
    }

    @Test
    void aMissingServerlessAmountIsUnknownNotZero() {
        List<ChargeHour> charges = new ArrayList<>(hours(START, 24, "10"));
        charges.set(5, new ChargeHour(charges.get(5).bucketStart(), charges.get(5).bucketEnd(), BigDecimal.TEN, null,
                BigDecimal.TEN, "266"));

        AccountReconciler.Result result = reconcile(new BigDecimal("240"), null, BigDecimal.ZERO, Duration.ZERO, charges);

        assertThat(result.reconciliation().status()).isEqualTo(Status.OK);
        assertThat(result.reconciliation().reason()).contains("unknown in 1 hours that did not say");
        assertThat(result.findings()).extracting(ReconciliationFinding::kind).containsExactly("SERVERLESS_NOT_RECONCILED");
    }

    @Test
    void aChargeHourWhoseTotalIsNotItsPartsIsAFinding() {
        List<ChargeHour> charges = new ArrayList<>(hours(START, 24, "10"));
        charges.set(7, new ChargeHour(charges.get(7).bucketStart(), charges.get(7).bucketEnd(), BigDecimal.TEN,
                BigDecimal.ONE, new BigDecimal("10.5"), "266"));

        AccountReconciler.Result result = reconcile(new BigDecimal("240"), null, BigDecimal.ZERO, Duration.ZERO, charges);

        ReconciliationFinding mismatch = result.findings().stream().filter(f -> f.kind().equals("CHARGE_TOTAL_MISMATCH"))
                .findFirst().orElseThrow();
        assertThat(mismatch.severity()).isEqualTo(Severity.WARN);
        assertThat(mismatch.expectedUsd()).isEqualByComparingTo("11");
        assertThat(mismatch.actualUsd()).isEqualByComparingTo("10.5");
        assertThat(mismatch.detail()).contains(charges.get(7).bucketStart().toString());
    }

    @Test
    void withoutChargeHistoryTheAccountIsNotReconciled() {
        AccountReconciler.Result result = reconciler.reconcile(new AccountReconciler.Inputs(D, START, END, new BigDecimal("240"),
                null, BigDecimal.ZERO, Duration.ZERO, List.of(), "no charge history is stored", false, Fraction.ZERO));

        assertThat(result.reconciliation().status()).isEqualTo(Status.WARN);
        assertThat(result.reconciliation().accountChargesUsd()).isNull();
        assertThat(result.findings()).extracting(ReconciliationFinding::kind).containsExactly("ACCOUNT_NOT_RECONCILED");
    }

    private AccountReconciler.Result reconcile(BigDecimal instances, String unknowns, BigDecimal rate, Duration fetching,
                                               List<ChargeHour> charges) {
        return reconciler.reconcile(new AccountReconciler.Inputs(D, START, END, instances, unknowns, rate, fetching, charges,
                null, false, Fraction.ZERO));
    }

    static List<ChargeHour> hours(Instant first, int count, String amount) {
        List<ChargeHour> hours = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = first.plus(Duration.ofHours(i));
            hours.add(new ChargeHour(start, start.plus(Duration.ofHours(1)), new BigDecimal(amount), BigDecimal.ZERO,
                    new BigDecimal(amount), "266"));
        }
        return hours;
    }
}
