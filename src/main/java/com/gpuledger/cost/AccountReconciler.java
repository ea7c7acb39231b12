package com.gpuledger.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private final LedgerProperties.Reconciliation thresholds;

    AccountReconciler(LedgerProperties.Reconciliation thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param unknownCosts    "3 baseline, 1 not captured" or null when every instance's cost is known
     * @param fleetHourlyRate sum of the captured instances' prices per hour
     * @param fetchDurations  how long tonight's and the previous night's snapshots took to fetch, together
     * @param coverageProblem why the stored charges do not cover the window, or null
     * @param beforeWindow    of the costs whose period began before the window (a multi-day delta after a failed
     *                        fetch), the share that falls before it, prorated by time: an estimate, used in the bound only
     */
    record Inputs(LocalDate reportDate, Instant windowStart, Instant windowEnd, BigDecimal instancesCost, String unknownCosts,
                  BigDecimal fleetHourlyRate, Duration fetchDurations, List<ChargeHour> charges, String coverageProblem,
                  boolean firstNight, BigDecimal beforeWindow) {
    }

    record Result(AccountReconciliation reconciliation, List<ReconciliationFinding> findings) {
    }

    Result reconcile(Inputs in) {
        List<ReconciliationFinding> findings = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (in.firstNight()) {
            reasons.add("first night: no previous run, the window starts at the start of the report date");
        }
        if (in.coverageProblem() != null) {
            reasons.add(in.coverageProblem());
            AccountReconciliation row = new AccountReconciliation(in.reportDate(), in.windowStart(), in.windowEnd(),
                    in.instancesCost(), null, null, null, null, Status.WARN, String.join("; ", withUnknowns(reasons, in)));
            findings.add(account(in.reportDate(), "ACCOUNT_NOT_RECONCILED", Severity.WARN, null, in.instancesCost(), row.reason()));
            return new Result(row, findings);
        }
        boolean partial = false;
        BigDecimal charges = BigDecimal.ZERO;
        BigDecimal serverless = BigDecimal.ZERO;
        BigDecimal edges = BigDecimal.ZERO;
        for (ChargeHour hour : in.charges()) {
            long length = Duration.between(hour.bucketStart(), hour.bucketEnd()).toSeconds();
            long overlap = Duration.between(max(hour.bucketStart(), in.windowStart()), min(hour.bucketEnd(), in.windowEnd())).toSeconds();
            if (overlap <= 0 || length <= 0) {
                continue;
            }
            if (overlap == length) {
                charges = charges.add(hour.computingAmount());
                serverless = serverless.add(hour.serverlessAmount());
            } else {
                partial = true;
                BigDecimal share = BigDecimal.valueOf(overlap).divide(BigDecimal.valueOf(length), MathContext.DECIMAL64);
                charges = charges.add(hour.computingAmount().multiply(share, MathContext.DECIMAL64));
                serverless = serverless.add(hour.serverlessAmount().multiply(share, MathContext.DECIMAL64));
                edges = edges.add(hour.computingAmount());
            }
        }
        if (partial) {
            // a proportional share is an estimate: stored at scale 4
            charges = charges.setScale(4, RoundingMode.HALF_UP);
            serverless = serverless.setScale(4, RoundingMode.HALF_UP);
        }
        BigDecimal drift = in.fleetHourlyRate().multiply(BigDecimal.valueOf(in.fetchDurations().toSeconds()))
                .divide(SECONDS_PER_HOUR, MathContext.DECIMAL64);
        BigDecimal bound = edges.add(drift).add(in.beforeWindow()).setScale(4, RoundingMode.HALF_UP);
        if (in.beforeWindow().signum() != 0) {
            reasons.add("$" + in.beforeWindow().setScale(4, RoundingMode.HALF_UP).toPlainString()
                    + " of multi-day costs fall before the window (estimate, in the bound)");
        }
        BigDecimal difference = in.instancesCost().subtract(charges);
        BigDecimal okLimit = bound.add(thresholds.accountOkSlack());
        BigDecimal failLimit = bound.add(thresholds.accountFailAbsolute().max(charges.abs().multiply(thresholds.accountFailRelative())));

        Status status;
        if (difference.abs().compareTo(okLimit) <= 0) {
            status = Status.OK;
            reasons.add("difference $" + DailyCostCalculator.plain(difference) + " within the bound $" + bound.toPlainString()
                    + " + $" + DailyCostCalculator.plain(thresholds.accountOkSlack()));
        } else if (difference.abs().compareTo(failLimit) > 0) {
            status = Status.FAIL;
            reasons.add("difference $" + DailyCostCalculator.plain(difference) + " beyond the bound $" + bound.toPlainString()
                    + " by more than max($" + DailyCostCalculator.plain(thresholds.accountFailAbsolute()) + ", "
                    + thresholds.accountFailRelative().movePointRight(2).stripTrailingZeros().toPlainString() + "%)");
        } else {
            status = Status.WARN;
            reasons.add("difference $" + DailyCostCalculator.plain(difference) + " beyond the bound $" + bound.toPlainString());
        }
        if (in.unknownCosts() != null) {
            // unknown costs can only add to the instances' side: a shortfall may be theirs, an excess cannot be
            if (status == Status.OK || (status == Status.FAIL && difference.signum() < 0)) {
                status = Status.WARN;
            }
        }
        if (serverless.signum() != 0) {
            reasons.add("serverless charges $" + DailyCostCalculator.plain(serverless) + " in the window are not reconciled");
            findings.add(account(in.reportDate(), "SERVERLESS_NOT_RECONCILED", Severity.INFO, null, serverless,
                    "the account's serverless charges of $" + DailyCostCalculator.plain(serverless)
                            + " in the window have no per-instance counterpart and are not reconciled"));
        }
        String reason = String.join("; ", withUnknowns(reasons, in));
        if (status != Status.OK) {
            findings.add(account(in.reportDate(), "ACCOUNT_MISMATCH", status == Status.FAIL ? Severity.ERROR : Severity.WARN,
                    charges, in.instancesCost(), reason));
        }
        BigDecimal share = charges.signum() == 0 ? null
                : in.instancesCost().divide(charges, MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP);
        if (share != null && share.compareTo(SHARE_LIMIT) >= 0) {
            // instances a trillion times the charges: no share worth a number, and more than its column holds
            share = null;
        }
        return new Result(new AccountReconciliation(in.reportDate(), in.windowStart(), in.windowEnd(), in.instancesCost(),
                charges, difference, bound, share, status, reason), findings);
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
