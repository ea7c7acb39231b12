package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The text form of every value in the report files: one place, so CSV, FOCUS and manifest agree to the character. */
public final class ReportValues {

    private static final int MIN_AMOUNT_DECIMALS = 4;

    private static final DateTimeFormatter UTC_INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private ReportValues() {
    }

    /**
     * An amount at its stored value with at least 4 decimals: zeros are appended up to the 4th and trailing zeros beyond
     * it dropped, never rounded and never in scientific notation (1.5 -> 1.5000, 0.12345678 -> 0.12345678).
     */
    public static String amount(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < MIN_AMOUNT_DECIMALS ? stripped.setScale(MIN_AMOUNT_DECIMALS) : stripped).toPlainString();
    }

    /** {@code YYYY-MM-DDTHH:mm:ssZ} in UTC; sub-second parts are truncated (provider times are whole seconds). */
    public static String instant(Instant value) {
        return value == null ? null : UTC_INSTANT.format(value);
    }

    /** The instant as the workbooks show it: whole seconds, UTC. */
    static Instant toSeconds(Instant value) {
        return value.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Text that a spreadsheet could read as a formula gets a leading apostrophe, so opening a CSV never runs text that
     * came from the provider: a start of {@code = + - @}, their fullwidth forms {@code ＝ ＋ － ＠}, {@code ;} or
     * {@code |} (DDE and separator tricks), tab, carriage return or line feed, also after leading whitespace (spreadsheets
     * trim it before they look). Every text column of the human CSVs goes through here; numbers never do.
     */
    static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '\t' || first == '\r' || first == '\n') {
            return "'" + text;
        }
        int start = 0;
        while (start < text.length() && isBlank(text.charAt(start))) {
            start++;
        }
        if (start == text.length()) {
            return text;
        }
        return switch (text.charAt(start)) {
            case '=', '+', '-', '@', ';', '|', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> "'" + text;
            default -> text;
        };
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
