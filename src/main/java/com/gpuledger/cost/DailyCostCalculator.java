package com.gpuledger.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;


/**
 * Turns one night's cumulative counters into each instance's cost for the date, and records what qualifies it.
 * Differences of provider values are exact; only the elapsed-time and anomaly checks divide (DECIMAL64), and their
 * results are compared, never stored as amounts.
 */
final class DailyCostCalculator {

    static final String UNKNOWN = "UNKNOWN";
    /** Status values seen in the provider's payloads; anything else is kept and reported. */
    static final Set<String> KNOWN_STATUSES = Set.of("RUNNING", "DEPLOYING", "DELETING", "DELETED", "COMPLETED");
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private final ReconciliationProperties thresholds;

    DailyCostCalculator(ReconciliationProperties thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param reportDate the date D
     * @param newSince   an instance first seen tonight counts as NEW when it started at or after this instant: the
     *                   previous completed run's start on the provider's clock, or on the very first night the start
     *                   of D in business time
     */
    record Night(LocalDate reportDate, Instant newSince) {
    }

    record Result(List<DailyCost> costs, List<ReconciliationFinding> findings) {
    }

    /**
     * @param previous       each instance's most recent snapshot before D
     * @param trailingPerDay each instance's known daily costs over the 7 days before D, per day (multi-day rows divided)
     */
    Result calculate(Night night, List<CounterReading> current, List<FailureReading> failures,
                     Map<String, CounterReading> previous, Map<String, List<BigDecimal>> trailingPerDay) {
        List<DailyCost> costs = new ArrayList<>();
        List<ReconciliationFinding> findings = new ArrayList<>();
        for (CounterReading reading : current) {
            DailyCost cost = cost(night, reading, previous.get(reading.instanceId()), findings);
            costs.add(cost);
            if (cost.basis().costKnown()) {
                checkCost(cost, trailingPerDay.getOrDefault(reading.instanceId(), List.of()), findings);
            }
            checkStatus(night.reportDate(), reading, findings);
        }
        for (FailureReading failure : failures) {
            costs.add(unknown(night.reportDate(), failure, previous.get(failure.instanceId()), findings));
        }
        return new Result(costs, findings);
    }

    private DailyCost cost(Night night, CounterReading today, CounterReading before, List<ReconciliationFinding> findings) {
        LocalDate date = night.reportDate();
        String id = today.instanceId();
        if (before == null) {
            if (today.startTimeAmbiguous()) {
                findings.add(ReconciliationFinding.instance(date, id, "TIME_AMBIGUOUS", Severity.INFO,
                        "start_time fell in a daylight-saving change of America/New_York; stored as " + today.startTime()));
            }
            boolean startedSince = today.startTime() != null && !today.startTime().isBefore(night.newSince());
            if (startedSince) {
                findings.add(ReconciliationFinding.instance(date, id, "NEW_INSTANCE", Severity.INFO,
                        "first seen; started " + today.startTime() + ", at or after " + night.newSince() + ", so its whole total is this date's"));
                DailyCost known = known(today, Basis.NEW, today.runningHours(), today.totalCost(), today.startTime(),
                        today.countersAt(), 1, true);
                checkElapsed(known, today.startTime(), today.countersAt(), findings);
                return known;
            }
            findings.add(ReconciliationFinding.instance(date, id, "BASELINE", Severity.INFO,
                    "first seen; started " + (today.startTime() == null ? "at an unknown time (no readable start time)"
                            : today.startTime())
                            + ", before " + night.newSince() + ": this snapshot is its baseline and this date's cost is unknown"));
            return row(today, Basis.BASELINE, null, null, null, 1);
        }
        int days = (int) ChronoUnit.DAYS.between(before.reportDate(), date);
        if (before.pricePerHour() != null && today.pricePerHour() != null
                && before.pricePerHour().compareTo(today.pricePerHour()) != 0) {
            findings.add(ReconciliationFinding.instance(date, id, "PRICE_CHANGED", Severity.INFO,
                    "price per hour " + plain(before.pricePerHour()) + " on " + before.reportDate() + ", now " + plain(today.pricePerHour())));
        }
        // each counter on its own: a stop and start restarts the hours while the cost goes on, and the other way round
        boolean costRestarted = today.totalCost().compareTo(before.totalCost()) < 0;
        boolean hoursRestarted = today.runningHours().compareTo(before.runningHours()) < 0;
        if (costRestarted) {
            findings.add(ReconciliationFinding.instance(date, id, "COUNTER_RESET", Severity.WARN,
                    "total_cost went from $" + plain(before.totalCost()) + " on " + before.reportDate() + " to $"
                            + plain(today.totalCost()) + (hoursRestarted ? " and running_time from " + plain(before.runningHours())
                            + " h to " + plain(today.runningHours()) + " h" : "") + ": the cost counter restarted, so this"
                            + " date's cost is its new cumulative value"));
        } else if (hoursRestarted) {
            findings.add(ReconciliationFinding.instance(date, id, "HOURS_RESET", Severity.WARN,
                    "running_time went from " + plain(before.runningHours()) + " h on " + before.reportDate() + " to "
                            + plain(today.runningHours()) + " h while total_cost went on from $" + plain(before.totalCost())
                            + " to $" + plain(today.totalCost()) + ": the hours counter restarted (a stop and start), so"
                            + " this date's hours are those since the restart, a lower bound, and hours x price is not"
                            + " checked; the cost is the delta"));
        }
        BigDecimal hours = hoursRestarted ? today.runningHours() : today.runningHours().subtract(before.runningHours());
        BigDecimal cost = costRestarted ? today.totalCost() : today.totalCost().subtract(before.totalCost());
        Basis basis = costRestarted ? Basis.RESET : days == 1 ? Basis.DELTA : Basis.MULTI_DAY;
        if (basis == Basis.MULTI_DAY) {
            findings.add(ReconciliationFinding.instance(date, id, "MULTI_DAY", Severity.INFO,
                    "the previous snapshot is of " + before.reportDate() + ": this delta covers " + days
                            + " days (a missed night or a failed fetch), booked on " + date + ", not spread by invention"));
        }
        // after both counters restarted, hours and cost are both since the restart: hours x price is an expectation again
        boolean hoursComplete = !hoursRestarted || costRestarted;
        // one clock for the whole period: the provider's when both ends have it, else the job's at both
        boolean providersClock = before.observedAt() != null && today.observedAt() != null;
        DailyCost known = known(today, basis, hours, cost, providersClock ? before.observedAt() : before.fetchedAt(),
                providersClock ? today.observedAt() : today.fetchedAt(), days, hoursComplete);
        if (hoursComplete) {
            checkElapsed(known, known.periodStart(), known.periodEnd(), findings);
        }
        return known;
    }

    private DailyCost unknown(LocalDate date, FailureReading failure, CounterReading before, List<ReconciliationFinding> findings) {
        Basis basis = failure.vanished() ? Basis.VANISHED : Basis.NOT_CAPTURED;
        findings.add(ReconciliationFinding.instance(date, failure.instanceId(), basis.name(), Severity.WARN,
                (failure.vanished() ? "the provider no longer knows the instance; its last period is unobserved"
                        : "not captured, so this date's cost is unknown") + ": " + failure.reason()));
        if (before == null) {
            return new DailyCost(date, failure.instanceId(), UNKNOWN, null, UNKNOWN, 0, basis, null, null, null, null,
                    null, null, null);
        }
        return new DailyCost(date, failure.instanceId(), orUnknown(before.region()), before.instanceType(),
                orUnknown(before.gpuType()), before.gpuCount(), basis, null, null, before.pricePerHour(), null,
                before.countersAt(), null, (int) ChronoUnit.DAYS.between(before.reportDate(), date));
    }

    private void checkCost(DailyCost cost, List<BigDecimal> trailingPerDay, List<ReconciliationFinding> findings) {
        LocalDate date = cost.reportDate();
        String id = cost.instanceId();
        if (cost.pricePerHour() == null) {
            findings.add(ReconciliationFinding.instance(date, id, "PRICE_UNKNOWN", Severity.INFO,
                    "no price per hour is known (neither the detail nor the list gave a readable one): no expected cost,"
                            + " and hours x price is not checked"));
        }
        if (cost.expectedCostUsd() != null) {
            BigDecimal tolerance = thresholds.rateAbsolute().max(cost.expectedCostUsd().abs().multiply(thresholds.rateRelative()));
            if (cost.costUsd().subtract(cost.expectedCostUsd()).abs().compareTo(tolerance) > 0) {
                findings.add(ReconciliationFinding.instance(date, id, "RATE_MISMATCH", Severity.WARN, cost.expectedCostUsd(),
                        cost.costUsd(), "cost $" + plain(cost.costUsd()) + " is not hours x price = " + plain(cost.hours()) + " x "
                                + plain(cost.pricePerHour()) + " = $" + plain(cost.expectedCostUsd()) + " (tolerance $" + plain(tolerance) + ")"));
            }
        }
        if (cost.hours().signum() == 0 && cost.costUsd().compareTo(thresholds.costWithoutHoursMinimum()) > 0) {
            findings.add(ReconciliationFinding.instance(date, id, "COST_WITHOUT_HOURS", Severity.ERROR, BigDecimal.ZERO,
                    cost.costUsd(), "charged $" + plain(cost.costUsd()) + " without a running hour"));
        }
        if (cost.hours().signum() > 0 && cost.costUsd().signum() == 0 && cost.pricePerHour() != null
                && cost.pricePerHour().signum() > 0) {
            findings.add(ReconciliationFinding.instance(date, id, "HOURS_WITHOUT_COST", Severity.WARN, cost.expectedCostUsd(),
                    cost.costUsd(), plain(cost.hours()) + " running hours at $" + plain(cost.pricePerHour()) + " per hour cost nothing"));
        }
        checkAnomaly(cost, trailingPerDay, findings);
    }

    /**
     * More running hours than the period lasted, both measured on the provider's clock where it said what its clock
     * was: the counters are the provider's, so a job clock that disagrees with it must not raise the finding.
     */
    private void checkElapsed(DailyCost cost, Instant from, Instant to, List<ReconciliationFinding> findings) {
        if (from == null || to == null) {
            return;
        }
        BigDecimal elapsed = BigDecimal.valueOf(Duration.between(from, to).toSeconds())
                .divide(SECONDS_PER_HOUR, MathContext.DECIMAL64);
        BigDecimal allowed = elapsed.add(thresholds.hoursAbsolute()).add(elapsed.multiply(thresholds.hoursRelative()));
        if (cost.hours().compareTo(allowed) > 0) {
            findings.add(ReconciliationFinding.instance(cost.reportDate(), cost.instanceId(), "HOURS_EXCEED_ELAPSED",
                    Severity.WARN, plain(cost.hours()) + " running hours in a period of " + estimate(elapsed)
                            + " wall-clock hours (" + from + " to " + to + ", by the provider's clock where it said)"));
        }
    }

    /** Day cost above the trailing 7-day daily mean by more than 50% and by more than $25, with at least 3 prior days. */
    private void checkAnomaly(DailyCost cost, List<BigDecimal> trailingPerDay, List<ReconciliationFinding> findings) {
        if (trailingPerDay.size() < thresholds.anomalyMinDays()) {
            return;
        }
        BigDecimal mean = trailingPerDay.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(trailingPerDay.size()), MathContext.DECIMAL64);
        BigDecimal perDay = cost.costUsd().divide(BigDecimal.valueOf(cost.daysCovered()), MathContext.DECIMAL64);
        BigDecimal excess = perDay.subtract(mean);
        if (excess.compareTo(mean.multiply(thresholds.anomalyRelative())) > 0 && excess.compareTo(thresholds.anomalyAbsolute()) > 0) {
            findings.add(ReconciliationFinding.instance(cost.reportDate(), cost.instanceId(), "ANOMALY", Severity.WARN,
                    mean, perDay, "$" + estimate(perDay) + " per day against a trailing mean of $" + estimate(mean)
                            + " over " + trailingPerDay.size() + " days (estimate)"));
        }
    }

    private static void checkStatus(LocalDate date, CounterReading reading, List<ReconciliationFinding> findings) {
        String status = reading.status();
        if (status != null && !KNOWN_STATUSES.contains(status.trim().toUpperCase(Locale.ROOT))) {
            findings.add(ReconciliationFinding.instance(date, reading.instanceId(), "UNKNOWN_STATUS", Severity.INFO,
                    "status '" + status + "' is not one the provider is known to use; kept as it came"));
        }
    }

    /** @param hoursComplete whether {@code hours} are all of the period's: only then is hours x price an expectation */
    private static DailyCost known(CounterReading today, Basis basis, BigDecimal hours, BigDecimal cost, Instant periodStart,
                                   Instant periodEnd, int days, boolean hoursComplete) {
        BigDecimal expected = today.pricePerHour() == null || !hoursComplete ? null : hours.multiply(today.pricePerHour());
        return new DailyCost(today.reportDate(), today.instanceId(), orUnknown(today.region()), today.instanceType(),
                orUnknown(today.gpuType()), today.gpuCount(), basis, hours, cost, today.pricePerHour(), expected,
                periodStart, periodEnd, days);
    }

    private static DailyCost row(CounterReading today, Basis basis, BigDecimal hours, BigDecimal cost, Instant periodStart,
                                 int days) {
        return new DailyCost(today.reportDate(), today.instanceId(), orUnknown(today.region()), today.instanceType(),
                orUnknown(today.gpuType()), today.gpuCount(), basis, hours, cost, today.pricePerHour(), null,
                periodStart, today.countersAt(), days);
    }

    private static String orUnknown(String text) {
        return text == null || text.isBlank() ? UNKNOWN : text;
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Estimates shown in details: 4 decimals, HALF_UP. */
    static String estimate(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
