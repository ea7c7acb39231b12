package com.gpuledger.cost;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import com.gpuledger.cost.AccountReconciliation.Status;
import com.gpuledger.provider.ChargeHour;

/**
 * Compares a date's instance costs with the account's charges over the window of whole charge hours between the
 * previous night's last counters read and tonight's first, all on the provider's clock. Each instance's cost covers
 * its own period (from its previous read, or its start, to tonight's read); what it accrued outside the window is a
 * correction, known exactly for an instance that ran through its period at one price (price x time outside), and an
 * interval otherwise. What stays uncertain is the bound: the intervals' half-widths, the read times (whole seconds)
 * and the displayed rounding. Instances of unknown cost may have accrued between 0 and their price times the hours
 * they could have run in the window: they can explain a shortfall up to that much, never an excess.
 */
final class AccountReconciler {

    /** {@code explained_share} is DECIMAL(18,6). */
    private static final BigDecimal SHARE_LIMIT = BigDecimal.TEN.pow(12);
    private static final BigInteger NANOS_PER_HOUR = BigInteger.valueOf(Duration.ofHours(1).toNanos());
    /** The provider's {@code Date} header is whole seconds: each read time is known to a second. */
    static final Duration READ_RESOLUTION = Duration.ofSeconds(1);
    /**
     * An instance ran through its whole period when its running hours (4 decimals, possibly truncated) reach the
     * period (two read times known to a second each) within this.
     */
    static final Duration STEADY_TOLERANCE = Duration.ofSeconds(2);
    /** Each known cost is the difference of two totals displayed to 4 decimals, compared with charges that add such. */
    static final BigDecimal ROUNDING_PER_INSTANCE = new BigDecimal("0.0002");
    /** The stored hours must reach this close to tonight's first read: a history that ends earlier was not read whole. */
    static final Duration HISTORY_LAG = Duration.ofHours(2);
    /** Each charge hour is displayed to 4 decimals. */
    static final BigDecimal ROUNDING_PER_HOUR = new BigDecimal("0.00005");

    private final ReconciliationProperties thresholds;

    AccountReconciler(ReconciliationProperties thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * What the reconciliation knows of one instance on the date.
     *
     * @param cost           the date's cost, or null when unknown (baseline, not captured, vanished)
     * @param hours          the running hours of the period, or null
     * @param priceBefore    the price per hour at the period's start (its previous read), or null
     * @param price          the price per hour at the period's end (tonight's read, or the last known), or null
     * @param from           the period's start: the previous read, or its start time; for an unknown cost the earliest
     *                       it could have begun to accrue in the window (null: the window's start)
     * @param to             tonight's read, or null (for an unknown cost: it could have accrued to the window's end)
     */
    record Accrual(String instanceId, Basis basis, BigDecimal cost, BigDecimal hours, BigDecimal priceBefore,
                   BigDecimal price, Instant from, Instant to) {
    }

    /**
     * @param since           the previous night's last counters read (the first night: the start of the report date)
     * @param until           tonight's first counters read
     * @param historyProblem why the date's run could not read the charge history, or null when it read it
     */
    record Inputs(LocalDate reportDate, Instant since, Instant until, List<Accrual> accruals, List<ChargeHour> charges,
                  String historyProblem, boolean firstNight) {
    }

    record Result(AccountReconciliation reconciliation, List<ReconciliationFinding> findings) {
    }

    /** The whole charge hours of the window, or why there are none. */
    private record Window(Instant start, Instant end, List<ChargeHour> hours, String problem) {
    }

    /**
     * Every amount is an exact fraction until the status is decided; amounts are rounded (8 decimals, half-even) only
     * where stored or shown.
     */
    Result reconcile(Inputs in) {
        List<ReconciliationFinding> findings = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (in.firstNight()) {
            reasons.add("first night: no previous run, the window starts at the start of the report date");
        }
        BigDecimal instancesCost = in.accruals().stream().map(Accrual::cost).filter(c -> c != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Window window = window(in);
        checkTotals(in.reportDate(), window.hours(), findings);
        String unknownCounts = unknownCounts(in.accruals());
        if (window.problem() != null) {
            if (in.historyProblem() != null) {
                reasons.add("the charge history could not be read by this date's run: " + in.historyProblem());
            }
            reasons.add(window.problem());
            if (unknownCounts != null) {
                reasons.add(unknownCounts + " instances have an unknown cost for this date");
            }
            AccountReconciliation row = new AccountReconciliation(in.reportDate(), window.start(), window.end(),
                    instancesCost, null, null, null, null, null, null, Status.WARN, String.join("; ", reasons));
            // an account that can no longer be reconciled is news for the operator: exit 3, not a quiet line
            findings.add(account(in.reportDate(), "ACCOUNT_NOT_RECONCILED",
                    in.historyProblem() != null ? Severity.ERROR : Severity.WARN, null, instancesCost, row.reason()));
            return new Result(row, findings);
        }
        Terms terms = terms(in.accruals(), window);
        Fraction charges = Fraction.ZERO;
        Fraction serverless = Fraction.ZERO;
        int serverlessUnknown = 0;
        for (ChargeHour hour : window.hours()) {
            charges = charges.plus(Fraction.of(hour.computingAmount()));
            if (hour.serverlessAmount() == null) {
                serverlessUnknown++;
            } else {
                serverless = serverless.plus(Fraction.of(hour.serverlessAmount()));
            }
        }
        Fraction rounding = Fraction.of(ROUNDING_PER_INSTANCE).times(BigInteger.valueOf(terms.known))
                .plus(Fraction.of(ROUNDING_PER_HOUR).times(BigInteger.valueOf(window.hours().size())));
        Fraction bound = terms.changing.plus(terms.priceChanges).plus(terms.readTimes).plus(rounding);
        Fraction instances = Fraction.of(instancesCost).minus(terms.corrections);
        Fraction difference = instances.minus(charges);
        Fraction okLimit = bound.plus(Fraction.of(thresholds.accountOkSlack()));
        Fraction margin = Fraction.of(thresholds.accountFailAbsolute())
                .max(charges.abs().times(Fraction.of(thresholds.accountFailRelative())));
        boolean unbounded = terms.unknownUnbounded > 0;

        long hours = Duration.between(window.start(), window.end()).toHours();
        reasons.add("window " + window.start() + " to " + window.end() + ": " + window.hours().size()
                + " whole charge hours between the previous night's last counters read and tonight's first");
        reasons.add("instances $" + plain(instancesCost) + " less $" + shown(terms.corrections) + " accrued outside the window ("
                + terms.corrected + " instances, price x time read before its start or after its end) = $" + shown(instances)
                + ", account $" + shown(charges) + ", difference $" + shown(difference));
        reasons.add("bound $" + shown(bound) + ": instances that started, stopped or restarted outside the window $"
                + shown(terms.changing) + " (" + terms.changingCount + "), price changes $" + shown(terms.priceChanges) + " ("
                + terms.priceChangeCount + "), read times to the second $" + shown(terms.readTimes)
                + ", displayed rounding $" + shown(rounding));
        if (unknownCounts != null) {
            reasons.add(unknownCounts + " instances of unknown cost could have accrued "
                    + (unbounded ? "any amount (" + terms.unknownUnbounded + " of unknown price)" : "up to $" + shown(terms.unknownMax))
                    + " in the window");
        }
        Status status;
        String marginText = "max($" + plain(thresholds.accountFailAbsolute()) + ", "
                + thresholds.accountFailRelative().movePointRight(2).stripTrailingZeros().toPlainString() + "% of the charges)";
        if (difference.compareTo(bound.plus(margin)) > 0) {
            status = Status.FAIL;
            reasons.add("FAIL: the instances show $" + shown(difference.minus(bound)) + " more than the account was charged"
                    + " beyond the bound, more than " + marginText + missing("$", difference, difference, okLimit, in.accruals(), hours,
                    " the account was never charged"));
        } else if (!unbounded && difference.plus(terms.unknownMax).plus(bound).plus(margin).signum() < 0) {
            status = Status.FAIL;
            Fraction shortfall = difference.negate();
            reasons.add("FAIL: the account was charged $" + shown(shortfall) + " more than the instances show, beyond the bound"
                    + (terms.unknownMax.signum() > 0 ? ", what the unknown costs could be" : "") + " and " + marginText
                    + missing(terms.unknownMax.signum() > 0 ? "at least $" : "$", shortfall.minus(terms.unknownMax), shortfall,
                    okLimit, in.accruals(), hours, " unexplained"));
        } else if (difference.compareTo(okLimit.negate()) >= 0 && !unbounded
                && difference.plus(terms.unknownMax).compareTo(okLimit) <= 0) {
            status = Status.OK;
            reasons.add("OK: within the bound + $" + plain(thresholds.accountOkSlack())
                    + (terms.unknownMax.signum() > 0 ? " whatever the unknown costs are" : ""));
        } else {
            status = Status.WARN;
            reasons.add("WARN: not within the bound + $" + plain(thresholds.accountOkSlack())
                    + (unknownCounts != null ? " for every value the unknown costs could take" : "")
                    + ", not beyond it by more than " + marginText);
        }
        if (serverless.signum() != 0 || serverlessUnknown > 0) {
            String amount = "$" + shown(serverless) + (serverlessUnknown > 0 ? " (and unknown in " + serverlessUnknown
                    + " hours that did not say)" : "");
            reasons.add("serverless charges " + amount + " in the window are not reconciled");
            findings.add(account(in.reportDate(), "SERVERLESS_NOT_RECONCILED", Severity.INFO, null, serverless.rounded(8),
                    "the account's serverless charges of " + amount
                            + " in the window have no per-instance counterpart and are not reconciled"));
        }
        String reason = String.join("; ", reasons);
        if (status != Status.OK) {
            findings.add(account(in.reportDate(), "ACCOUNT_MISMATCH", status == Status.FAIL ? Severity.ERROR : Severity.WARN,
                    charges.rounded(8), instances.rounded(8), reason));
        }
        BigDecimal share = charges.signum() == 0 ? null
                : instances.times(new Fraction(charges.denominator(), charges.numerator())).rounded(6);
        if (share != null && share.abs().compareTo(SHARE_LIMIT) >= 0) {
            // instances a trillion times the charges: no share worth a number, and more than its column holds
            share = null;
        }
        return new Result(new AccountReconciliation(in.reportDate(), window.start(), window.end(), instancesCost,
                terms.corrections.rounded(8), charges.rounded(8), difference.rounded(8), bound.rounded(8),
                unknownCounts == null || unbounded ? null : terms.unknownMax.rounded(8), share, status, reason), findings);
    }

    /** The bound's terms, the corrections and the unknowns' most, over the instances. */
    private static final class Terms {
        Fraction corrections = Fraction.ZERO;
        Fraction changing = Fraction.ZERO;
        Fraction priceChanges = Fraction.ZERO;
        Fraction readTimes = Fraction.ZERO;
        Fraction unknownMax = Fraction.ZERO;
        int known;
        int corrected;
        int changingCount;
        int priceChangeCount;
        int unknownUnbounded;
    }

    private static Terms terms(List<Accrual> accruals, Window window) {
        Terms terms = new Terms();
        for (Accrual a : accruals) {
            BigDecimal high = max(a.priceBefore(), a.price());
            if (a.cost() == null) {
                if (high == null) {
                    terms.unknownUnbounded++;
                    continue;
                }
                Instant from = a.from() == null ? window.start() : a.from();
                Instant to = a.to() == null ? window.end() : a.to();
                // not capped by its total cost: a counter that restarted in the window holds less than it accrued
                terms.unknownMax = terms.unknownMax.plus(rate(high, overlap(from, to, window)));
                continue;
            }
            terms.known++;
            Fraction cost = Fraction.of(a.cost());
            Fraction low;
            Fraction top;
            boolean steady;
            if (a.from() == null || a.to() == null || !a.to().isAfter(a.from())) {
                // no period to place it in: anywhere between none and all of it may lie outside the window
                steady = false;
                low = Fraction.ZERO.min(cost);
                top = Fraction.ZERO.max(cost);
            } else {
                long period = Duration.between(a.from(), a.to()).toNanos();
                long inside = overlap(a.from(), a.to(), window);
                long outside = period - inside;
                if (outside == 0) {
                    continue;
                }
                steady = a.basis() != Basis.RESET && a.hours() != null
                        && hoursNanos(a.hours()).compareTo(BigInteger.valueOf(period - STEADY_TOLERANCE.toNanos())) >= 0;
                BigDecimal lowPrice = min(a.priceBefore(), a.price());
                if (steady && high == null) {
                    // no price: ran through at one rate, its own average
                    low = Fraction.share(a.cost(), outside, period);
                    top = low;
                } else if (steady) {
                    low = rate(lowPrice, outside);
                    top = rate(high, outside);
                    terms.readTimes = terms.readTimes.plus(rate(high, 2 * READ_RESOLUTION.toNanos()));
                } else if (high == null) {
                    low = Fraction.ZERO.min(cost);
                    top = Fraction.ZERO.max(cost);
                } else {
                    // at least what the inside could not hold, at most what the outside could
                    low = cost.minus(rate(high, inside)).max(Fraction.ZERO);
                    top = cost.min(rate(high, outside));
                }
            }
            if (low.compareTo(top) > 0) {
                Fraction swap = low;
                low = top;
                top = swap;
            }
            terms.corrected++;
            Fraction half = top.minus(low).over(BigInteger.TWO);
            terms.corrections = terms.corrections.plus(low.plus(half));
            if (!steady) {
                terms.changing = terms.changing.plus(half);
                terms.changingCount++;
            } else if (half.signum() != 0) {
                terms.priceChanges = terms.priceChanges.plus(half);
                terms.priceChangeCount++;
            }
        }
        return terms;
    }

    /**
     * The window: from the first charge hour that starts at or after {@code since} to the end of the last that ends at
     * or before {@code until}; its hours must follow one another without a gap and reach close to {@code until}.
     */
    private static Window window(Inputs in) {
        List<ChargeHour> sorted = in.charges().stream().sorted(Comparator.comparing(ChargeHour::bucketStart)).toList();
        Instant start = sorted.stream().map(ChargeHour::bucketStart).filter(s -> !s.isBefore(in.since())).findFirst().orElse(null);
        List<ChargeHour> inside = start == null ? List.of() : sorted.stream()
                .filter(h -> !h.bucketStart().isBefore(start) && !h.bucketEnd().isAfter(in.until())).toList();
        if (inside.isEmpty()) {
            return new Window(in.since(), in.until(), List.of(), "no whole charge hour lies between the previous night's last"
                    + " counters read " + in.since() + " and tonight's first " + in.until());
        }
        Instant end = inside.get(inside.size() - 1).bucketEnd();
        if (Duration.between(end, in.until()).compareTo(HISTORY_LAG) > 0) {
            return new Window(in.since(), in.until(), List.of(), "the stored charge hours end at " + end + ", more than "
                    + HISTORY_LAG.toHours() + " hours before tonight's first counters read " + in.until());
        }
        Instant expected = start;
        for (ChargeHour hour : inside) {
            if (!hour.bucketStart().equals(expected)) {
                return new Window(in.since(), in.until(), List.of(), "the stored charge hours between " + start + " and " + end
                        + " do not follow one another: " + (hour.bucketStart().isAfter(expected) ? "nothing is stored from "
                        + expected + " to " + hour.bucketStart() : "the hour from " + hour.bucketStart() + " overlaps the one before"));
            }
            expected = hour.bucketEnd();
        }
        return new Window(start, end, inside, null);
    }

    /**
     * What one instance at a price of the night's instances would cost over the window, when the unexplained amount
     * is that: "$183.40 unexplained: what one instance at $7.6416/h costs in 24.0 h". The unexplained amount lies
     * between {@code least} (the unknown costs at their most) and {@code most} (at nothing); the price whose cost is
     * closest to the least, within the bound and the OK slack of that range, else nothing.
     */
    private static String missing(String prefix, Fraction least, Fraction most, Fraction okLimit, List<Accrual> accruals,
                                  long hours, String what) {
        TreeSet<BigDecimal> prices = new TreeSet<>();
        for (Accrual a : accruals) {
            for (BigDecimal price : new BigDecimal[]{a.priceBefore(), a.price()}) {
                if (price != null && price.signum() > 0) {
                    prices.add(price.stripTrailingZeros());
                }
            }
        }
        BigDecimal best = null;
        Fraction bestGap = null;
        for (BigDecimal price : prices) {
            Fraction cost = Fraction.of(price).times(BigInteger.valueOf(hours));
            Fraction gap = least.minus(cost).abs();
            boolean fits = cost.compareTo(least.minus(okLimit)) >= 0 && cost.compareTo(most.plus(okLimit)) <= 0;
            if (fits && (bestGap == null || gap.compareTo(bestGap) < 0)) {
                best = price;
                bestGap = gap;
            }
        }
        if (best == null) {
            return "";
        }
        return "; " + prefix + least.rounded(2).toPlainString() + what
                + ": what one instance at $" + best.toPlainString() + "/h costs in " + hours + ".0 h";
    }

    /** An hour whose total is not its computing plus its serverless amount: the account's own numbers disagree. */
    private static void checkTotals(LocalDate date, List<ChargeHour> hours, List<ReconciliationFinding> findings) {
        for (ChargeHour hour : hours) {
            if (hour.serverlessAmount() == null) {
                continue;
            }
            BigDecimal sum = hour.computingAmount().add(hour.serverlessAmount());
            if (sum.compareTo(hour.total()) != 0) {
                findings.add(account(date, "CHARGE_TOTAL_MISMATCH", Severity.WARN, sum, hour.total(),
                        "the charge hour from " + hour.bucketStart() + " says total $" + plain(hour.total())
                                + ", but computing $" + plain(hour.computingAmount()) + " + serverless $"
                                + plain(hour.serverlessAmount()) + " = $" + plain(sum)
                                + "; the computing amount is what is reconciled"));
            }
        }
    }

    private static String unknownCounts(List<Accrual> accruals) {
        List<String> parts = new ArrayList<>();
        for (Basis basis : List.of(Basis.BASELINE, Basis.NOT_CAPTURED, Basis.VANISHED)) {
            long count = accruals.stream().filter(a -> a.cost() == null && a.basis() == basis).count();
            if (count > 0) {
                parts.add(count + " " + basis.name().toLowerCase().replace('_', ' '));
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** A fraction as shown in reasons: exact when it is a decimal, else rounded to 8 decimals. */
    static String shown(Fraction value) {
        BigDecimal exact = value.exactDecimal();
        return plain(exact != null ? exact : value.rounded(8));
    }

    private static String plain(BigDecimal value) {
        return DailyCostCalculator.plain(value);
    }

    /** {@code price} per hour over {@code nanos}, exactly. */
    private static Fraction rate(BigDecimal price, long nanos) {
        return Fraction.of(price).times(BigInteger.valueOf(nanos)).over(NANOS_PER_HOUR);
    }

    private static BigInteger hoursNanos(BigDecimal hours) {
        return hours.multiply(new BigDecimal(NANOS_PER_HOUR)).toBigInteger();
    }

    /** How long [from, to) lies inside the window, in nanoseconds. */
    private static long overlap(Instant from, Instant to, Window window) {
        Instant start = from.isAfter(window.start()) ? from : window.start();
        Instant end = to.isBefore(window.end()) ? to : window.end();
        return end.isAfter(start) ? Duration.between(start, end).toNanos() : 0;
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.max(b);
    }

    private static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.min(b);
    }

    private static ReconciliationFinding account(LocalDate date, String kind, Severity severity, BigDecimal expected,
                                                 BigDecimal actual, String detail) {
        return new ReconciliationFinding(date, ReconciliationFinding.Scope.ACCOUNT, null, kind, severity, expected, actual,
                expected == null ? null : actual.subtract(expected), detail);
    }
}
