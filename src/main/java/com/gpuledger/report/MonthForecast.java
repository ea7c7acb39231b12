package com.gpuledger.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The month's forecast, the one estimate of the reports (contracts section 7), the same for the account, a group or a
 * budget: month to date plus the trailing daily average times the days left in the month.
 */
public final class MonthForecast {

    public static final String METHOD = "month to date + trailing 7-day daily average x days left in the month";

    private MonthForecast() {
    }

    /**
     * The date's trailing window as every forecast takes it: up to 7 days ending on the date, none before the first
     * report date, leaving out the days whose costs are mostly unknown.
     */
    public static Trailing trailing(JdbcClient jdbc, LocalDate reportDate) {
        LocalDate first = jdbc.sql("SELECT MIN(report_date) FROM daily_instance_cost").query(LocalDate.class).optional()
                .orElse(reportDate);
        LocalDate start = windowStart(reportDate, first);
        return Trailing.of(start, dailyTotals(jdbc, start, reportDate));
    }

    /** Each report date's total from..to, with its unknown-cost and instance counts. */
    static List<DailyTotal> dailyTotals(JdbcClient jdbc, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT report_date, SUM(cost_usd), COUNT(*) - COUNT(cost_usd), COUNT(*) FROM daily_instance_cost
                WHERE report_date BETWEEN ? AND ? GROUP BY report_date ORDER BY report_date""")
                .param(from).param(to)
                .query((rs, n) -> new DailyTotal(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }

    /** The first day of a date's trailing window: up to 7 days ending on it, none before the first report date. */
    public static LocalDate windowStart(LocalDate reportDate, LocalDate firstReportDate) {
        LocalDate start = reportDate.minusDays(6);
        return firstReportDate != null && firstReportDate.isAfter(start) ? firstReportDate : start;
    }

    /** The days the forecast averages over, and the days of its window it leaves out. */
    public record Trailing(LocalDate start, List<LocalDate> days, List<LocalDate> leftOut) {

        /** The window's days, leaving out those whose costs are mostly unknown (a first night's baselines). */
        public static Trailing of(LocalDate start, List<DailyTotal> window) {
            List<LocalDate> days = new ArrayList<>();
            List<LocalDate> leftOut = new ArrayList<>();
            for (DailyTotal day : window) {
                (day.mostlyUnknown() ? leftOut : days).add(day.reportDate());
            }
            return new Trailing(start, days, leftOut);
        }

        /** A condition on {@code column} selecting the days, one parameter per day (none: never true, yet typed for H2). */
        public String condition(String column) {
            return days.isEmpty() ? column + " IS NULL"
                    : column + " IN (" + String.join(", ", Collections.nCopies(days.size(), "?")) + ")";
        }

        public String method() {
            if (leftOut.isEmpty()) {
                return METHOD;
            }
            return METHOD + ", leaving out " + leftOut.size() + (leftOut.size() == 1 ? " day" : " days")
                    + " whose costs are mostly unknown (" + leftOut.stream().map(LocalDate::toString)
                    .collect(Collectors.joining(", ")) + ")"
                    + (days.isEmpty() ? ": no day left to average, so no forecast" : "");
        }
    }

    /**
     * The SQL of a cost line's cost per day it covers: a multi-day delta after a missed night spreads over its days,
     * so that the trailing sum of the window's dates divided by their number is a daily average.
     */
    public static String perDay(String alias) {
        return alias + "cost_usd / " + alias + "days_covered";
    }

    /** An estimate, DECIMAL64, scale 4, HALF_UP; null when month to date is unknown or no day is left to average. */
    public static BigDecimal of(LocalDate reportDate, BigDecimal monthToDate, BigDecimal trailingCost, Trailing trailing) {
        return of(reportDate, monthToDate, trailingCost, trailing.days().size());
    }

    /**
     * @param trailingCost the per-day costs (see {@link #perDay}) of the averaged days
     * @param days         how many days are averaged
     */
    public static BigDecimal of(LocalDate reportDate, BigDecimal monthToDate, BigDecimal trailingCost, int days) {
        if (monthToDate == null) {
            return null;
        }
        int daysLeft = reportDate.lengthOfMonth() - reportDate.getDayOfMonth();
        if (days <= 0) {
            return daysLeft == 0 ? monthToDate.setScale(4, RoundingMode.HALF_UP) : null;
        }
        BigDecimal average = (trailingCost == null ? BigDecimal.ZERO : trailingCost)
                .divide(BigDecimal.valueOf(days), MathContext.DECIMAL64);
        return monthToDate.add(average.multiply(BigDecimal.valueOf(daysLeft), MathContext.DECIMAL64))
                .setScale(4, RoundingMode.HALF_UP);
    }
}
