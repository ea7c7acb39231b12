package com.gpuledger.report.focus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.gpuledger.report.InstanceCostRow;

/**
 * The billing periods are the calendar months of the business time zone. A charge period that crosses a month's end
 * (a report date runs from one night's run to the next, so a month's first hours are the previous date's) is split at
 * the boundary: each part gets the cost and hours in proportion to its duration, rounded HALF_UP at the stored scale,
 * and the last part the remainder, so the parts sum to the row's values exactly.
 */
final class BillingPeriods {

    /** The scale of money and hours in the database (DECIMAL(24,8)). */
    static final int STORED_SCALE = 8;

    private final ZoneId zone;

    BillingPeriods(ZoneId zone) {
        this.zone = zone;
    }

    /** The row's charges, one per billing period its charge period touches, in time order. */
    List<FocusCharge> charges(InstanceCostRow row) {
        // FOCUS times are whole seconds: the period widened to them, so that a period shorter than a second never
        // shows an end that is not after its start
        Instant start = row.periodStart() == null ? null : row.periodStart().truncatedTo(ChronoUnit.SECONDS);
        Instant end = row.periodEnd() == null ? null : ceilingSecond(row.periodEnd());
        if (start == null || end == null || !start.isBefore(end)) {
            LocalDate month = start != null ? month(start) : end != null ? month(end) : row.reportDate();
            return List.of(new FocusCharge(row, start, end, monthStart(month), monthStart(month.plusMonths(1)), row.costUsd(),
                    row.hours()));
        }
        List<Instant> cuts = new ArrayList<>();
        cuts.add(start);
        for (Instant next = monthStart(month(start).plusMonths(1)); next.isBefore(end); next = nextMonth(next)) {
            cuts.add(next);
        }
        cuts.add(end);
        long whole = Duration.between(start, end).toNanos();
        List<FocusCharge> charges = new ArrayList<>(cuts.size() - 1);
        BigDecimal costLeft = row.costUsd();
        BigDecimal hoursLeft = row.hours();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            Instant from = cuts.get(i);
            Instant to = cuts.get(i + 1);
            boolean last = i + 2 == cuts.size();
            BigDecimal cost = last ? costLeft : share(row.costUsd(), Duration.between(from, to).toNanos(), whole);
            BigDecimal hours = last ? hoursLeft : share(row.hours(), Duration.between(from, to).toNanos(), whole);
            costLeft = subtract(costLeft, cost);
            hoursLeft = subtract(hoursLeft, hours);
            LocalDate month = month(from);
            charges.add(new FocusCharge(row, from, to, monthStart(month), monthStart(month.plusMonths(1)), cost, hours));
        }
        return charges;
    }

    private static Instant ceilingSecond(Instant instant) {
        Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(instant) ? instant : second.plusSeconds(1);
    }

    private static BigDecimal share(BigDecimal value, long part, long whole) {
        if (value == null) {
            return null;
        }
        return value.multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), Math.max(STORED_SCALE, value.scale()), RoundingMode.HALF_UP);
    }

    private static BigDecimal subtract(BigDecimal value, BigDecimal part) {
        return value == null ? null : value.subtract(part);
    }

    private LocalDate month(Instant instant) {
        return instant.atZone(zone).toLocalDate().withDayOfMonth(1);
    }

    private Instant monthStart(LocalDate day) {
        return day.withDayOfMonth(1).atStartOfDay(zone).toInstant();
    }

    private Instant nextMonth(Instant monthStart) {
        return monthStart(month(monthStart).plusMonths(1));
    }
}
