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

import com.gpuledger.cost.AccountReconciler.Accrual;
import com.gpuledger.cost.AccountReconciliation.Status;
import com.gpuledger.provider.ChargeHour;

class AccountReconcilerTests {

    static final LocalDate D = LocalDate.parse("2026-03-10");
    static final Instant START = Instant.parse("2026-03-10T06:00:00Z");
    static final Instant END = Instant.parse("2026-03-11T06:00:00Z");
    static final BigDecimal P = new BigDecimal("7.6416");

    private final AccountReconciler reconciler = new AccountReconciler(DailyCostCalculatorTests.THRESHOLDS);

    /** One instance at $10/h read exactly at the window's edges: the bound is the displayed rounding, $0.0014. */
    @ParameterizedTest(name = "instances ${0} against 24 hours of $10: {1}")
    @CsvSource(delimiter = '|', value = {
            "240       | OK",
            "240.0114  | OK",
            "239.9886  | OK",
            "240.0115  | WARN",
            "241.0014  | WARN",
            "241.0015  | FAIL",
            "238.9985  | FAIL",
    })
    void statusByDifference(BigDecimal instances, Status status) {
        AccountReconciler.Result result = reconcile(List.of(known("a", instances, "24", "10", START, END)), hours(START, 24, "10"));

        AccountReconciliation row = result.reconciliation();
        assertThat(row.accountChargesUsd()).isEqualByComparingTo("240");
        assertThat(row.correctionsUsd()).isEqualByComparingTo("0");
        assertThat(row.differenceUsd()).isEqualByComparingTo(instances.subtract(new BigDecimal("240")));
        assertThat(row.boundUsd()).isEqualByComparingTo("0.0014");
        assertThat(row.status()).isEqualTo(status);
        assertThat(result.findings()).extracting(ReconciliationFinding::kind)
                .containsExactly(status == Status.OK ? new String[0] : new String[]{"ACCOUNT_MISMATCH"});
    }

    /**
     * The window is the whole charge hours between the previous night's last read (02:07:30) and tonight's first
     * (02:05): 03:00 to 02:00, 23 hours. An instance read at 02:07 and at 02:06:40 that ran through accrued its price
     * for the 53 minutes before the window and the 6 min 40 s after it: a correction, known to the read times' second.
     */
    @Test
    void whatAnInstanceThatRanThroughAccruedOutsideTheWindowIsACorrectionNotABound() {
        Instant previousRead = Instant.parse("2026-03-10T02:07:00Z");
        Instant read = Instant.parse("2026-03-11T02:06:40Z");
        BigDecimal cost = P.multiply(new BigDecimal(Duration.between(previousRead, read).toSeconds()))
                .divide(new BigDecimal(3600), 4, java.math.RoundingMode.HALF_UP);
        List<ChargeHour> charges = hours(Instant.parse("2026-03-10T01:00:00Z"), 25, P.toPlainString());

        AccountReconciliation row = reconciler.reconcile(new AccountReconciler.Inputs(D, Instant.parse("2026-03-10T02:07:30Z"),
                Instant.parse("2026-03-11T02:05:00Z"), List.of(new Accrual("a", Basis.DELTA, cost, new BigDecimal("23.9944"),
                P, P, previousRead, read)), charges, null, false)).reconciliation();

        assertThat(row.windowStart()).isEqualTo(Instant.parse("2026-03-10T03:00:00Z"));
        assertThat(row.windowEnd()).isEqualTo(Instant.parse("2026-03-11T02:00:00Z"));
        assertThat(row.accountChargesUsd()).isEqualByComparingTo(P.multiply(new BigDecimal(23)));
        // 53 min + 6 min 40 s = 3580 s at $7.6416/h
        assertThat(row.correctionsUsd()).isEqualByComparingTo("7.59914667");
        // read times: 2 s at $7.6416/h; rounding: 1 instance, 23 hours
        assertThat(row.boundUsd()).isEqualByComparingTo("0.00559533");
        assertThat(row.status()).isEqualTo(Status.OK);
        assertThat(row.reason()).contains("less $7.59914667").contains("read times to the second $0.00424533");
    }

    /**
     * The uncertainty a changing instance leaves: a $2/h instance that ran 20 of the 24 hours between its reads
     * (stopped some time), with 1 hour of its period outside the window: between $0 and $2 of its $40 lie outside.
     */
    @Test
    void anInstanceThatDidNotRunThroughItsPeriodLeavesAnIntervalInTheBound() {
        Instant previousRead = START.minus(Duration.ofMinutes(30));
        Instant read = END.plus(Duration.ofMinutes(30));
        List<Accrual> accruals = List.of(new Accrual("a", Basis.DELTA, new BigDecimal("40"), new BigDecimal("20"),
                new BigDecimal("2"), new BigDecimal("2"), previousRead, read));

        AccountReconciliation row = reconciler.reconcile(new AccountReconciler.Inputs(D, previousRead, read, accruals,
                hours(START, 24, "1.625"), null, false)).reconciliation();

        assertThat(row.correctionsUsd()).isEqualByComparingTo("1");
        assertThat(row.boundUsd()).isEqualByComparingTo("1.0014");
        assertThat(row.differenceUsd()).isEqualByComparingTo("0");
        assertThat(row.status()).isEqualTo(Status.OK);
        assertThat(row.reason()).contains("started, stopped or restarted outside the window $1 (1)");
    }

    /**
     * A machine missing from the provider's list: the account charged $7.6416/h more than the instances show. The
     * night FAILs and says what is missing; beside a baseline that ran through at $0.25/h (at most $6), still.
     */
    @Test
    void aMissingMachineFailsAndIsNamedEvenBesideABaseline() {
        List<Accrual> accruals = new ArrayList<>(List.of(known("a", "240", "24", "10", START, END),
                known("b", P.multiply(new BigDecimal(24)).toPlainString(), "24", P.toPlainString(), START, END)));
        String perHour = P.multiply(new BigDecimal(2)).add(BigDecimal.TEN).toPlainString();

        AccountReconciliation alone = reconcile(accruals, hours(START, 24, perHour)).reconciliation();
        accruals.add(new Accrual("c", Basis.BASELINE, null, null, new BigDecimal("0.25"), new BigDecimal("0.25"),
                START.minus(Duration.ofDays(3)), END));
        AccountReconciliation besideABaseline = reconcile(accruals, hours(START, 24, new BigDecimal(perHour)
                .add(new BigDecimal("0.25")).toPlainString())).reconciliation();

        assertThat(alone.differenceUsd()).isEqualByComparingTo(P.multiply(new BigDecimal(-24)));
        assertThat(alone.status()).isEqualTo(Status.FAIL);
        assertThat(alone.reason()).contains("; $183.40 unexplained: what one instance at $7.6416/h costs in 24.0 h");
        assertThat(besideABaseline.unknownMaxUsd()).isEqualByComparingTo("6");
        assertThat(besideABaseline.status()).isEqualTo(Status.FAIL);
        assertThat(besideABaseline.reason())
                .contains("1 baseline instances of unknown cost could have accrued up to $6 in the window")
                .contains("at least $183.40 unexplained: what one instance at $7.6416/h costs in 24.0 h");
    }

    @Test
    void costsTheAccountWasNeverChargedAreNamedToo() {
        List<Accrual> accruals = List.of(known("a", "240", "24", "10", START, END),
                known("b", P.multiply(new BigDecimal(24)).toPlainString(), "24", P.toPlainString(), START, END));

        AccountReconciliation row = reconcile(accruals, hours(START, 24, "10")).reconciliation();

        assertThat(row.status()).isEqualTo(Status.FAIL);
        assertThat(row.reason()).contains("$183.40 the account was never charged: what one instance at $7.6416/h costs in 24.0 h");
    }

    @ParameterizedTest(name = "a shortfall of ${0} beside a baseline of at most $5: {1}")
    @CsvSource({"0, WARN", "5, WARN", "6.0014, WARN", "6.0015, FAIL"})
    void unknownCostsExplainAShortfallUpToTheirMostAndNeverAnExcess(BigDecimal shortfall, Status status) {
        List<Accrual> accruals = List.of(known("a", new BigDecimal("240").subtract(shortfall).toPlainString(), "24", "10", START, END),
                new Accrual("c", Basis.BASELINE, null, null, BigDecimal.ONE, BigDecimal.ONE, END.minus(Duration.ofHours(5)),
                        END));

        assertThat(reconcile(accruals, hours(START, 24, "10")).reconciliation().status()).isEqualTo(status);
        List<Accrual> excess = List.of(known("a", "241.0015", "24", "10", START, END), accruals.get(1));
        assertThat(reconcile(excess, hours(START, 24, "10")).reconciliation().status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anUnknownOfUnknownPriceCanExplainAnyShortfall() {
        List<Accrual> accruals = List.of(known("a", "100", "24", "10", START, END),
                new Accrual("e", Basis.NOT_CAPTURED, null, null, null, null, null, null));

        AccountReconciliation row = reconcile(accruals, hours(START, 24, "10")).reconciliation();

        assertThat(row.status()).isEqualTo(Status.WARN);
        assertThat(row.unknownMaxUsd()).isNull();
        assertThat(row.reason()).contains("any amount (1 of unknown price)");
    }

    @Test
    void aPriceChangeInsideThePeriodBoundsWhatFellOutside() {
        // ran through, $1/h before and $3/h after, 2 hours outside the window: between $2 and $6 of it
        Accrual a = new Accrual("a", Basis.DELTA, new BigDecimal("52"), new BigDecimal("26"), BigDecimal.ONE,
                new BigDecimal("3"), START.minus(Duration.ofHours(1)), END.plus(Duration.ofHours(1)));

        AccountReconciliation row = reconcile(List.of(a), hours(START, 24, "2")).reconciliation();

        assertThat(row.correctionsUsd()).isEqualByComparingTo("4");
        assertThat(row.reason()).contains("price changes $2 (1)");
        assertThat(row.status()).isEqualTo(Status.OK);
    }

    @Test
    void aGapInTheStoredHoursLeavesTheAccountNotReconciled() {
        List<ChargeHour> charges = new ArrayList<>(hours(START, 24, "10"));
        charges.remove(10);

        AccountReconciler.Result result = reconcile(List.of(known("a", "240", "24", "10", START, END)), charges);

        assertThat(result.reconciliation().accountChargesUsd()).isNull();
        assertThat(result.reconciliation().reason()).contains("nothing is stored from 2026-03-10T16:00:00Z to 2026-03-10T17:00:00Z");
        assertThat(result.findings()).extracting(ReconciliationFinding::kind, ReconciliationFinding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACCOUNT_NOT_RECONCILED", Severity.WARN));
    }

    @Test
    void serverlessChargesAreReportedAsNotReconciled() {
        List<ChargeHour> charges = new ArrayList<>(hours(START, 24, "10"));
        charges.set(3, new ChargeHour(charges.get(3).bucketStart(), charges.get(3).bucketEnd(), BigDecimal.TEN,
                new BigDecimal("2.5"), new BigDecimal("12.5"), "266"));

        AccountReconciler.Result result = reconcile(List.of(known("a", "240", "24", "10", START, END)), charges);

        assertThat(result.reconciliation().status()).isEqualTo(Status.OK);
        assertThat(result.reconciliation().reason()).contains("serverless charges $2.5");
        assertThat(result.findings()).extracting(ReconciliationFinding::kind).containsExactly("SERVERLESS_NOT_RECONCILED");
    }

    @Test
    void aThirdOfAnHourIsCountedExactlyNotRoundedBeforeTheStatusIsDecided() {
        // given: read 20 minutes after the window's end at $0.0001/h: a correction of 0.0000333... no decimal holds
        Accrual tiny = new Accrual("t", Basis.DELTA, new BigDecimal("0.0024"), new BigDecimal("24.3333"),
                new BigDecimal("0.0001"), new BigDecimal("0.0001"), START, END.plus(Duration.ofMinutes(20)));
        // bound: 2 instances' rounding 0.0004 + 24 hours' 0.0012 + 2 s at $0.0001/h; OK up to 0.01 beyond it
        Fraction limit = Fraction.of(new BigDecimal("0.0116")).plus(Fraction.share(new BigDecimal("0.0001"), 2, 3600));
        Fraction corrections = Fraction.share(new BigDecimal("0.0001"), 20, 60);
        BigDecimal atLimit = limit.plus(corrections).plus(Fraction.of(new BigDecimal("240"))).minus(Fraction.of(tiny.cost()))
                .rounded(8);

        // when: the other instance's cost is exactly at the OK limit, or a hair beyond (8 decimals each way)
        Status at = reconcile(List.of(tiny, known("a", atLimit.subtract(new BigDecimal("0.00000001")).toPlainString(), "24",
                "10", START, END)), hours(START, 24, "10")).reconciliation().status();
        AccountReconciliation beyond = reconcile(List.of(tiny, known("a", atLimit.add(new BigDecimal("0.00000001"))
                .toPlainString(), "24", "10", START, END)), hours(START, 24, "10")).reconciliation();

        // then: decided on the exact values; stored at 8 decimals
        assertThat(at).isEqualTo(Status.OK);
        assertThat(beyond.status()).isEqualTo(Status.WARN);
        assertThat(beyond.correctionsUsd()).isEqualByComparingTo("0.00003333");
    }

    @Test
    void aMissingServerlessAmountIsUnknownNotZero() {
        List<ChargeHour> charges = new ArrayList<>(hours(START, 24, "10"));
        charges.set(5, new ChargeHour(charges.get(5).bucketStart(), charges.get(5).bucketEnd(), BigDecimal.TEN, null,
                BigDecimal.TEN, "266"));

        AccountReconciler.Result result = reconcile(List.of(known("a", "240", "24", "10", START, END)), charges);

        assertThat(result.reconciliation().status()).isEqualTo(Status.OK);
        assertThat(result.reconciliation().reason()).contains("unknown in 1 hours that did not say");
        assertThat(result.findings()).extracting(ReconciliationFinding::kind).containsExactly("SERVERLESS_NOT_RECONCILED");
    }

    @Test
    void aChargeHourWhoseTotalIsNotItsPartsIsAFinding() {
        List<ChargeHour> charges = new ArrayList<>(hours(START, 24, "10"));
        charges.set(7, new ChargeHour(charges.get(7).bucketStart(), charges.get(7).bucketEnd(), BigDecimal.TEN,
                BigDecimal.ONE, new BigDecimal("10.5"), "266"));

        AccountReconciler.Result result = reconcile(List.of(known("a", "240", "24", "10", START, END)), charges);

        ReconciliationFinding mismatch = result.findings().stream().filter(f -> f.kind().equals("CHARGE_TOTAL_MISMATCH"))
                .findFirst().orElseThrow();
        assertThat(mismatch.severity()).isEqualTo(Severity.WARN);
        assertThat(mismatch.expectedUsd()).isEqualByComparingTo("11");
        assertThat(mismatch.actualUsd()).isEqualByComparingTo("10.5");
        assertThat(mismatch.detail()).contains(charges.get(7).bucketStart().toString());
    }

    @Test
    void aChargeHistoryTheRunCouldNotReadIsAnErrorWhileTheWindowIsNotCovered() {
        List<Accrual> accruals = List.of(known("a", "240", "24", "10", START, END));
        String problem = "GET /users/credits/history?limit=100&offset=0: a charge hour cannot be read: field 'update_time' is missing";

        AccountReconciler.Result unread = reconciler.reconcile(new AccountReconciler.Inputs(D, START, END, accruals,
                hours(START.minus(Duration.ofHours(3)), 3, "10"), problem, false));
        AccountReconciler.Result readLater = reconciler.reconcile(new AccountReconciler.Inputs(D, START, END, accruals,
                hours(START, 24, "10"), problem, false));

        assertThat(unread.reconciliation().status()).isEqualTo(Status.WARN);
        assertThat(unread.reconciliation().accountChargesUsd()).isNull();
        assertThat(unread.reconciliation().reason()).contains("could not be read by this date's run").contains("update_time");
        assertThat(unread.findings()).extracting(ReconciliationFinding::kind, ReconciliationFinding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACCOUNT_NOT_RECONCILED", Severity.ERROR));
        assertThat(readLater.reconciliation().status()).as("a later night stored the hours").isEqualTo(Status.OK);
    }

    @Test
    void aHistoryThatWasReadButEndsHoursBeforeTonightIsNotAWindow() {
        AccountReconciler.Result result = reconcile(List.of(known("a", "240", "24", "10", START, END)), hours(START, 21, "10"));

        assertThat(result.reconciliation().accountChargesUsd()).isNull();
        assertThat(result.reconciliation().reason()).contains("more than 2 hours before tonight's first counters read");
        assertThat(result.findings()).extracting(ReconciliationFinding::kind, ReconciliationFinding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACCOUNT_NOT_RECONCILED", Severity.WARN));
    }

    private AccountReconciler.Result reconcile(List<Accrual> accruals, List<ChargeHour> charges) {
        return reconciler.reconcile(new AccountReconciler.Inputs(D, START, END, accruals, charges, null, false));
    }

    private static Accrual known(String id, Object cost, String hours, String price, Instant from, Instant to) {
        return new Accrual(id, Basis.DELTA, new BigDecimal(cost.toString()), new BigDecimal(hours), new BigDecimal(price),
                new BigDecimal(price), from, to);
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
