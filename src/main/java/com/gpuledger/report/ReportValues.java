package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The text form of every value in the report files: one place, so CSV, FOCUS and manifest agree to the character. */
final class ReportValues {

    private static final int MIN_AMOUNT_DECIMALS = 4;

    private static final DateTimeFormatter UTC_INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private ReportValues() {
    }

    /**
     * An amount at its stored value with at least 4 decimals: zeros are appended up to the 4th and trailing zeros beyond
     * it dropped, never rounded and never in scientific notation (1.5 -> 1.5000, 0.12345678 -> 0.12345678).
     */
    static String amount(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < MIN_AMOUNT_DECIMALS ? stripped.setScale(MIN_AMOUNT_DECIMALS) : stripped).toPlainString();
    }

    /** {@code YYYY-MM-DDTHH:mm:ssZ} in UTC; sub-second parts are truncated (provider times are whole seconds). */
    static String instant(Instant value) {
        return value == null ? null : UTC_INSTANT.format(value);
    }

    /** The instant as the workbooks show it: whole seconds, UTC. */
    static Instant toSeconds(Instant value) {
        return value.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Free text that a spreadsheet would read as a formula (leading {@code = + - @}, tab or carriage return) gets a
     * leading apostrophe, so opening a CSV never runs provider-controlled text. Numbers never pass through here.
     */
    static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
