package com.gpuledger.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The month's forecast, the one estimate of the reports (contracts section 7), the same for the account, a group or a
 * budget: month to date plus the trailing daily average times the days left in the month.
 */
public final class MonthForecast {

    public static final String METHOD = "month to date + trailing 7-day daily average x days left in the month";

    private MonthForecast() {
    }

    /** The trailing window of a date: up to 7 days ending on it, none before the first report date. */
    public record Trailing(LocalDate start, int days) {

        public static Trailing of(LocalDate reportDate, LocalDate firstReportDate) {
            LocalDate start = reportDate.minusDays(6);
            if (firstReportDate != null && firstReportDate.isAfter(start)) {
                start = firstReportDate;
            }
            return new Trailing(start, (int) ChronoUnit.DAYS.between(start, reportDate) + 1);
        }
    }

    /** An estimate, DECIMAL64, scale 4, HALF_UP; null when the month to date is unknown. */
    public static BigDecimal of(LocalDate reportDate, BigDecimal monthToDate, BigDecimal trailingCost, int trailingDays) {
        if (monthToDate == null) {
            return null;
        }
        int daysLeft = reportDate.lengthOfMonth() - reportDate.getDayOfMonth();
        BigDecimal average = (trailingCost == null ? BigDecimal.ZERO : trailingCost)
                .divide(BigDecimal.valueOf(Math.max(1, trailingDays)), MathContext.DECIMAL64);
        return monthToDate.add(average.multiply(BigDecimal.valueOf(daysLeft), MathContext.DECIMAL64))
                .setScale(4, RoundingMode.HALF_UP);
    }
}
