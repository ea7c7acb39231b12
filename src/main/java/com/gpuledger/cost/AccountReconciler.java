package com.gpuledger.cost;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.gpuledger.LedgerProperties;
import com.gpuledger.cost.AccountReconciliation.Status;
import com.gpuledger.provider.ChargeHour;

/**
 * Compares the sum of a date's known instance costs with the account's hourly charges over the window
 * [previous run's start, this run's start). A bucket counts in proportion to its overlap with the window, so an
 * edge that cuts a bucket may misplace up to that bucket's amount; instances are fetched one after another, so up to
 * the fleet's hourly rate times the fetch durations may fall on either side; a multi-day delta after a failed fetch
 * reaches back before the window by its prorated share. Their sum is the bound.
 */
final class AccountReconciler {

    /** {@code explained_share} is DECIMAL(18,6). */
    private static final BigDecimal SHARE_LIMIT = BigDecimal.TEN.pow(12);

    private static final BigInteger NANOS_PER_HOUR = BigInteger.valueOf(Duration.ofHours(1).toNanos());

    private final LedgerProperties.Reconciliation thresholds;

    AccountReconciler(LedgerProperties.Reconciliation thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param unknownCosts    "3 baseline, 1 not captured" or null when every instance's cost is known
     * @param fleetHourlyRate sum of the prices per hour of the instances that ran in the window
     * @param fetchDurations  how long tonight's and the previous night's snapshots took to fetch, together
     * @param coverageProblem why the stored charges do not cover the window, or null
     * @param beforeWindow    of the costs whose period began before the window (a multi-day delta after a failed
     *                        fetch), the share that falls before it, prorated by time: an estimate, used in the bound only
     */
    record Inputs(LocalDate reportDate, Instant windowStart, Instant windowEnd, BigDecimal instancesCost, String unknownCosts,
                  BigDecimal fleetHourlyRate, Duration fetchDurations, List<ChargeHour> charges, String coverageProblem,
                  boolean firstNight, Fraction beforeWindow) {
    }

    record Result(AccountReconciliation reconciliation, List<ReconciliationFinding> findings) {
    }

    /**
     * The account side, the bound and the difference are exact fractions until the status is decided; they are
     * rounded (8 decimals, half-even) only where stored or shown.
     */
    Result reconcile(Inputs in) {
        List<ReconciliationFinding> findings = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (in.firstNight()) {
            reasons.add("first night: no previous run, the window starts at the start of the report date");
        }
        checkTotals(in, findings);
        if (in.coverageProblem() != null) {
            reasons.add(in.coverageProblem());
            AccountReconciliation row = new AccountReconciliation(in.reportDate(), in.windowStart(), in.windowEnd(),
                    in.instancesCost(), null, null, null, null, Status.WARN, String.join("; ", withUnknowns(reasons, in)));
            findings.add(account(in.reportDate(), "ACCOUNT_NOT_RECONCILED", Severity.WARN, null, in.instancesCost(), row.reason()));
            return new Result(row, findings);
        }
        Fraction charges = Fraction.ZERO;
        Fraction serverless = Fraction.ZERO;
        int serverlessUnknown = 0;
        Fraction edges = Fraction.ZERO;
        for (ChargeHour hour : in.charges()) {
            // to the nanosecond: a run starts at 02:07:13.6, and a truncated second would misplace an edge
            long length = Duration.between(hour.bucketStart(), hour.bucketEnd()).toNanos();
            long overlap = Duration.between(max(hour.bucketStart(), in.windowStart()), min(hour.bucketEnd(), in.windowEnd())).toNanos();
            if (overlap <= 0 || length <= 0) {
                continue;
            }
            charges = charges.plus(Fraction.share(hour.computingAmount(), overlap, length));
            if (hour.serverlessAmount() == null) {
                serverlessUnknown++;
            } else {
                serverless = serverless.plus(Fraction.share(hour.serverlessAmount(), overlap, length));
            }
            if (overlap < length) {
                edges = edges.plus(Fraction.of(hour.computingAmount()));
            }
        }
        Fraction drift = Fraction.of(in.fleetHourlyRate()).times(BigInteger.valueOf(in.fetchDurations().toNanos()))
                .over(NANOS_PER_HOUR);
        Fraction bound = edges.plus(drift).plus(in.beforeWindow());
        if (in.beforeWindow().signum() != 0) {
            reasons.add("$" + shown(in.beforeWindow()) + " of multi-day costs fall before the window (estimate, in the bound)");
        }
        Fraction instances = Fraction.of(in.instancesCost());
        Fraction difference = instances.minus(charges);
        Fraction okLimit = bound.plus(Fraction.of(thresholds.accountOkSlack()));
        Fraction failLimit = bound.plus(Fraction.of(thresholds.accountFailAbsolute())
                .max(charges.abs().times(Fraction.of(thresholds.accountFailRelative()))));

        String boundText = "the bound $" + shown(bound) + " (edges $" + shown(edges) + ", fetch drift $" + shown(drift)
                + ", before the window $" + shown(in.beforeWindow()) + ")";
        Status status;
        if (difference.abs().compareTo(okLimit) <= 0) {
            status = Status.OK;
            reasons.add("difference $" + shown(difference) + " within " + boundText
                    + " + $" + DailyCostCalculator.plain(thresholds.accountOkSlack()));
        } else if (difference.abs().compareTo(failLimit) > 0) {
            status = Status.FAIL;
            reasons.add("difference $" + shown(difference) + " beyond " + boundText
                    + " by more than max($" + DailyCostCalculator.plain(thresholds.accountFailAbsolute()) + ", "
                    + thresholds.accountFailRelative().movePointRight(2).stripTrailingZeros().toPlainString() + "%)");
        } else {
            status = Status.WARN;
            reasons.add("difference $" + shown(difference) + " beyond " + boundText);
        }
        if (in.unknownCosts() != null) {
            // unknown costs can only add to the instances' side: a shortfall may be theirs, an excess cannot be
            if (status == Status.OK || (status == Status.FAIL && difference.signum() < 0)) {
                status = Status.WARN;
            }
        }
        if (serverless.signum() != 0 || serverlessUnknown > 0) {
            String amount = "$" + shown(serverless) + (serverlessUnknown > 0 ? " (and unknown in " + serverlessUnknown
                    + " hours that did not say)" : "");
            reasons.add("serverless charges " + amount + " in the window are not reconciled");
            findings.add(account(in.reportDate(), "SERVERLESS_NOT_RECONCILED", Severity.INFO, null, serverless.rounded(8),
                    "the account's serverless charges of " + amount
                            + " in the window have no per-instance counterpart and are not reconciled"));
        }
        String reason = String.join("; ", withUnknowns(reasons, in));
        if (status != Status.OK) {
            findings.add(account(in.reportDate(), "ACCOUNT_MISMATCH", status == Status.FAIL ? Severity.ERROR : Severity.WARN,
                    charges.rounded(8), in.instancesCost(), reason));
        }
        BigDecimal share = charges.signum() == 0 ? null
                : instances.times(new Fraction(charges.denominator(), charges.numerator())).rounded(6);
        if (share != null && share.abs().compareTo(SHARE_LIMIT) >= 0) {
            // instances a trillion times the charges: no share worth a number, and more than its column holds
            share = null;
        }
        return new Result(new AccountReconciliation(in.reportDate(), in.windowStart(), in.windowEnd(), in.instancesCost(),
                charges.rounded(8), difference.rounded(8), bound.rounded(8), share, status, reason), findings);
    }

    /** An hour whose total is not its computing plus its serverless amount: the account's own numbers disagree. */
    private static void checkTotals(Inputs in, List<ReconciliationFinding> findings) {
        for (ChargeHour hour : in.charges()) {
            if (hour.serverlessAmount() == null || !hour.bucketEnd().isAfter(in.windowStart())
                    || !hour.bucketStart().isBefore(in.windowEnd())) {
                continue;
            }
            BigDecimal sum = hour.computingAmount().add(hour.serverlessAmount());
            if (sum.compareTo(hour.total()) != 0) {
                findings.add(account(in.reportDate(), "CHARGE_TOTAL_MISMATCH", Severity.WARN, sum, hour.total(),
                        "the charge hour from " + hour.bucketStart() + " says total $" + DailyCostCalculator.plain(hour.total())
                                + ", but computing $" + DailyCostCalculator.plain(hour.computingAmount()) + " + serverless $"
                                + DailyCostCalculator.plain(hour.serverlessAmount()) + " = $" + DailyCostCalculator.plain(sum)
                                + "; the computing amount is what is reconciled"));
            }
        }
    }

    /** A fraction as shown in reasons: exact when it is a decimal, else rounded to 8 decimals. */
    static String shown(Fraction value) {
        BigDecimal exact = value.exactDecimal();
        return DailyCostCalculator.plain(exact != null ? exact : value.rounded(8));
    }

    private static List<String> withUnknowns(List<String> reasons, Inputs in) {
        if (in.unknownCosts() != null) {
            reasons.add(in.unknownCosts() + " instances have an unknown cost for this date, so it is at best WARN");
        }
        return reasons;
    }

    private static ReconciliationFinding account(LocalDate date, String kind, Severity severity, BigDecimal expected,
                                                 BigDecimal actual, String detail) {
        return new ReconciliationFinding(date, ReconciliationFinding.Scope.ACCOUNT, null, kind, severity, expected, actual,
                expected == null ? null : actual.subtract(expected), detail);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
