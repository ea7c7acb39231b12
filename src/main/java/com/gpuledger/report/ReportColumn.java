package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * One column of a report: the single definition that both the CSV and the workbook writer read, so they never drift.
 * {@code summed} columns get a BigDecimal sum in the workbook's totals row. Public so that other features can describe
 * the tables they add to a report set ({@link ReportTable}).
 */
public record ReportColumn<T>(String name, ColumnKind kind, Function<? super T, ?> value, boolean summed) {

    public static <T> ReportColumn<T> text(String name, Function<? super T, String> value) {
        return new ReportColumn<>(name, ColumnKind.TEXT, value, false);
    }

    public static <T> ReportColumn<T> freeText(String name, Function<? super T, String> value) {
        return new ReportColumn<>(name, ColumnKind.FREE_TEXT, value, false);
    }

    public static <T> ReportColumn<T> integer(String name, Function<? super T, ? extends Number> value) {
        return new ReportColumn<>(name, ColumnKind.INTEGER, value, false);
    }

    public static <T> ReportColumn<T> money(String name, Function<? super T, BigDecimal> value) {
        return new ReportColumn<>(name, ColumnKind.MONEY, value, false);
    }

    public static <T> ReportColumn<T> hours(String name, Function<? super T, BigDecimal> value) {
        return new ReportColumn<>(name, ColumnKind.HOURS, value, false);
    }

    public static <T> ReportColumn<T> estimate(String name, Function<? super T, BigDecimal> value) {
        return new ReportColumn<>(name, ColumnKind.ESTIMATE, value, false);
    }

    /** A ratio, such as a share of a budget: never money, never totalled. */
    public static <T> ReportColumn<T> share(String name, Function<? super T, BigDecimal> value) {
        return new ReportColumn<>(name, ColumnKind.SHARE, value, false);
    }

    public static <T> ReportColumn<T> date(String name, Function<? super T, LocalDate> value) {
        return new ReportColumn<>(name, ColumnKind.DATE, value, false);
    }

    public static <T> ReportColumn<T> instant(String name, Function<? super T, Instant> value) {
        return new ReportColumn<>(name, ColumnKind.INSTANT, value, false);
    }

    /** This column with a total in the workbook's totals row. */
    public ReportColumn<T> totalled() {
        return new ReportColumn<>(name, kind, value, true);
    }

    /** The workbook header: the CSV name, plus the unit a reader of a date cell or an estimate must know. */
    String sheetHeader() {
        return switch (kind) {
            case INSTANT -> name + " (UTC)";
            case ESTIMATE -> name + " (estimate)";
            default -> name;
        };
    }

    Object valueOf(T row) {
        return value.apply(row);
    }

    String csv(T row) {
        return kind.csv(valueOf(row));
    }
}
