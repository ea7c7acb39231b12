package com.gpuledger.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The one place where provider values become exact Java values. Every variant in provider-api.md is accepted;
 * anything else is an {@link InvalidFieldException} naming the field and the value, never a guess.
 */
final class ProviderValues {

    /** Provider wall times are US Eastern with daylight saving, whatever the "EST" label says. */
    static final ZoneId PROVIDER_ZONE = ZoneId.of("America/New_York");

    /** DECIMAL(24,8): 16 digits before the point, 8 after. */
    private static final int MAX_INTEGER_DIGITS = 16;
    private static final int MAX_SCALE = 8;
    /** Beyond any field's need, and small enough to expand safely. */
    private static final int MAX_DIGITS = 40;

    private static final Pattern MONEY = Pattern.compile("\\$?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?");
    private static final Pattern HOURS = Pattern.compile("(\\d+)(\\.\\d+)?(?:\\s*(?:hours?|hrs?|h))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final String WALL_TEXT = "(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(?::\\d{2})?)";
    private static final Pattern EST_PREFIX = Pattern.compile("(?:EST|EDT|ET)\\s+" + WALL_TEXT);
    private static final Pattern EST_SUFFIX = Pattern.compile(WALL_TEXT + "\\s+(?:EST|EDT|ET)");
    private static final Pattern PLAIN_WALL = Pattern.compile(WALL_TEXT);
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss]")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern EPOCH_TEXT = Pattern.compile("\\d{1,15}(\\.\\d{1,9})?");
    /** 10^11: as seconds the year 5138; as milliseconds 1973. */
    private static final BigDecimal MILLISECONDS_FROM = BigDecimal.TEN.pow(11);
    private static final Pattern ISO_WITH_OFFSET = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)",
            Pattern.CASE_INSENSITIVE);

    private ProviderValues() {
    }

    /** {@code "$1,234.5678"}, {@code "$961.5400"}, {@code "961.54"} or a JSON number; never negative. */
    static BigDecimal money(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (value.isNumber()) {
            return checked(field, value, decimalOf(value, field));
        }
        String text = scalarText(value, field).trim();
        Matcher m = MONEY.matcher(text);
        if (!m.matches()) {
            throw new InvalidFieldException(field, text, "not a dollar amount");
        }
        String digits = m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2));
        return checked(field, text, sane(field, new BigDecimal(digits)));
    }

    /** {@code "66.9070 hours"}, {@code "66.907"} or a JSON number; never negative. */
    static BigDecimal hours(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (value.isNumber()) {
            return checked(field, value, decimalOf(value, field));
        }
        String text = scalarText(value, field).trim();
        Matcher m = HOURS.matcher(text);
        if (!m.matches()) {
            throw new InvalidFieldException(field, text, "not a number of hours");
        }
        return checked(field, text, sane(field, new BigDecimal(m.group(1) + (m.group(2) == null ? "" : m.group(2)))));
    }

    /** A plain decimal as a JSON number or a numeric string; null when absent or empty. */
    static BigDecimal optionalDecimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (isAbsent(value)) {
            return null;
        }
        if (value.isNumber()) {
            return checked(field, value, decimalOf(value, field));
        }
        String text = scalarText(value, field).trim();
        return checked(field, text, parseDecimal(text, field));
    }

    /**
     * The size of a plain decimal that may carry a sign (a JSON number or a numeric string), with the checks of
     * {@link #optionalDecimal} on the size; null when absent or empty.
     */
    static BigDecimal optionalMagnitude(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (isAbsent(value)) {
            return null;
        }
        BigDecimal signed = value.isNumber() ? decimalOf(value, field) : parseDecimal(scalarText(value, field).trim(), field);
        return checked(field, value.isNumber() ? value : scalarText(value, field).trim(), signed.abs());
    }

    /** A whole number as a JSON number or a numeric string; null when absent or empty. */
    static Integer optionalInteger(JsonNode node, String field) {
        BigDecimal value = optionalDecimal(node, field);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidFieldException(field, value.toPlainString(), "not a whole number");
        }
    }

    /** Ids are numbers in old payloads and strings in new ones: always text. */
    static String id(JsonNode node, String field) {
        JsonNode value = required(node, field);
        String text = value.isNumber() ? decimalOf(value, field).toPlainString() : scalarText(value, field).trim();
        if (text.isEmpty() || text.length() > 255) {
            throw new InvalidFieldException(field, text, "not a usable instance id");
        }
        if (!printable(text)) {
            throw new InvalidFieldException(field, text.replaceAll("\\p{Cntrl}|\\p{Cs}", "?"),
                    "not a usable instance id: a control character or half of a surrogate pair, which a database cannot keep as sent");
        }
        return text;
    }

    /** Text without control characters and without a lone half of a surrogate pair. */
    private static boolean printable(String text) {
        return keepable(text, Character::isISOControl);
    }

    /**
     * Text as sent, unless no database can keep it so: a NUL (PostgreSQL refuses it) or a lone half of a surrogate pair
     * (PostgreSQL's driver would store '?', H2 the half) is unreadable, the same on both.
     */
    static String optionalText(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (!isAbsent(value)) {
                String text = value.isNumber() ? decimalOf(value, field).toPlainString() : scalarText(value, field);
                if (!storable(text)) {
                    throw new InvalidFieldException(field, text,
                            "a NUL or half of a surrogate pair, which a database cannot keep as sent");
                }
                return text;
            }
        }
        return null;
    }

    /** Text without a NUL and without a lone half of a surrogate pair. */
    private static boolean storable(String text) {
        return keepable(text, c -> c == '\u0000');
    }

    /** Text with none of the refused characters and no lone half of a surrogate pair. */
    private static boolean keepable(String text, java.util.function.IntPredicate refused) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (refused.test(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The earliest instant a provider time may denote; anything before is not a time of this account. */
    static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * A provider time in any unambiguous shape: epoch seconds or milliseconds, as a JSON number or a digit string (told
     * apart by size: seconds of this century have 10 digits, milliseconds 13); ISO 8601 with {@code Z} or an offset;
     * {@code "EST 2024-11-04 10:11:50"} or {@code "2025-07-04 05:13:11 EST"} in America/New_York wall time (labelled
     * EST whatever the season); with or without seconds. A time before 2000 or after {@code latest} is unreadable: it
     * would book an instance's whole life on one day, or none of it.
     */
    static ProviderTime time(JsonNode value, String field, Instant latest) {
        ProviderTime time = value.isNumber() ? new ProviderTime(epoch(decimalOf(value, field), field), false)
                : textTime(scalarText(value, field).trim(), field);
        if (time.instant().isBefore(EARLIEST_TIME) || time.instant().isAfter(latest)) {
            throw new InvalidFieldException(field, value.isNumber() ? value : value.asString(),
                    "a time outside " + EARLIEST_TIME + " .. " + latest.truncatedTo(ChronoUnit.SECONDS));
        }
        return time;
    }

    private static ProviderTime textTime(String text, String field) {
        if (EPOCH_TEXT.matcher(text).matches()) {
            return new ProviderTime(epoch(sane(field, new BigDecimal(text)), field), false);
        }
        Matcher iso = ISO_WITH_OFFSET.matcher(text);
        if (iso.matches()) {
            try {
                return new ProviderTime(OffsetDateTime.parse(iso.group(1) + "T" + iso.group(2) + offset(iso.group(3)),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(), false);
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException(field, text, "not a valid date and time");
            }
        }
        return wallTime(text, field);
    }

    /** {@code Z}, {@code +02}, {@code +0200} and {@code +02:00} as ISO_OFFSET_DATE_TIME reads them. */
    private static String offset(String offset) {
        if (offset.equalsIgnoreCase("Z")) {
            return "Z";
        }
        String digits = offset.substring(1).replace(":", "");
        return offset.charAt(0) + digits.substring(0, 2) + ":" + (digits.length() > 2 ? digits.substring(2) : "00");
    }

    /**
     * Every instant a provider time may denote: two in the autumn overlap (earlier first), else one. For series
     * whose order tells which hour was meant.
     */
    static List<Instant> possibleInstants(JsonNode node, String field) {
        return possibleInstants(node, field, false);
    }

    /**
     * As {@link #possibleInstants(JsonNode, String)}, and a wall time without a zone label ({@code "2024-01-01
     * 01:00:00"}, as the charge history's transactions send it) is the provider's US Eastern wall time too.
     */
    static List<Instant> possibleEasternInstants(JsonNode node, String field) {
        return possibleInstants(node, field, true);
    }

    private static List<Instant> possibleInstants(JsonNode node, String field, boolean unlabelledIsEastern) {
        JsonNode value = node.get(field);
        if (isAbsent(value)) {
            throw new InvalidFieldException(field, null, "required");
        }
        if (value.isNumber()) {
            return List.of(epoch(decimalOf(value, field), field));
        }
        String text = scalarText(value, field).trim();
        LocalDateTime local = wallClock(unlabelledIsEastern && PLAIN_WALL.matcher(text).matches() ? "EST " + text : text,
                field);
        List<ZoneOffset> offsets = PROVIDER_ZONE.getRules().getValidOffsets(local);
        if (offsets.size() < 2) {
            return List.of(ZonedDateTime.ofLocal(local, PROVIDER_ZONE, null).toInstant());
        }
        return offsets.stream().map(offset -> local.toInstant(offset)).sorted().toList();
    }

    static ProviderTime wallTime(String text, String field) {
        LocalDateTime local = wallClock(text, field);
        // ofLocal takes the earlier offset in the autumn overlap and shifts forward across the spring gap
        boolean ambiguous = PROVIDER_ZONE.getRules().getValidOffsets(local).size() != 1;
        return new ProviderTime(ZonedDateTime.ofLocal(local, PROVIDER_ZONE, null).toInstant(), ambiguous);
    }

    private static LocalDateTime wallClock(String text, String field) {
        Matcher prefix = EST_PREFIX.matcher(text);
        Matcher suffix = EST_SUFFIX.matcher(text);
        String wall;
        if (prefix.matches()) {
            wall = prefix.group(1);
        } else if (suffix.matches()) {
            wall = suffix.group(1);
        } else {
            throw new InvalidFieldException(field, text, "not a time like 'EST 2024-11-04 10:11:50', "
                    + "'2024-11-04T15:11:50Z' or epoch seconds");
        }
        try {
            return LocalDateTime.parse(wall, WALL);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, text, "not a valid date and time");
        }
    }

    /** Epoch seconds (10 digits in this century) or milliseconds (13 digits): their ranges never meet. */
    private static Instant epoch(BigDecimal value, String field) {
        BigDecimal seconds = value.abs().compareTo(MILLISECONDS_FROM) >= 0 ? value.movePointLeft(3) : value;
        try {
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidFieldException(field, value.toString(), "not epoch seconds or milliseconds");
        }
    }

    private static BigDecimal parseDecimal(String text, String field) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidFieldException(field, text, "not a number");
        }
        return sane(field, new BigDecimal(text));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (isAbsent(value)) {
            throw new InvalidFieldException(field, null, "required");
        }
        return value;
    }

    /** The text of a string or boolean; an object or an array where a value is expected names the field. */
    private static String scalarText(JsonNode value, String field) {
        if (value.isContainer()) {
            throw new InvalidFieldException(field, value.isObject() ? "{...}" : "[...]",
                    "an " + (value.isObject() ? "object" : "array") + " where a single value is expected");
        }
        return value.asString();
    }

    static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || (value.isString() && value.asString().isBlank());
    }

    /** JSON numbers are read as BigDecimal (never through double), see {@link ProviderJson}. */
    private static BigDecimal decimalOf(JsonNode value, String field) {
        if (value.isIntegralNumber()) {
            return sane(field, new BigDecimal(value.asBigInteger()));
        }
        if (value.isBigDecimal()) {
            return sane(field, (BigDecimal) value.numberValue());
        }
        throw new InvalidFieldException(field, value, "not an exact decimal");
    }

    /**
     * A number of at most {@value #MAX_DIGITS} digits before and after the point, checked before anything expands it:
     * {@code 1E+2147483647} is a few bytes of JSON but a plain form, an integer or a comparison of it could take
     * gigabytes. Described in scientific notation, which stays short.
     */
    private static BigDecimal sane(String field, BigDecimal value) {
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_DIGITS || value.scale() > MAX_DIGITS) {
            throw new InvalidFieldException(field, value.toString(), "a number of more than " + MAX_DIGITS
                    + " digits before or after the point");
        }
        return value;
    }

    private static BigDecimal checked(String field, Object raw, BigDecimal value) {
        if (value.signum() < 0) {
            throw new InvalidFieldException(field, raw, "negative");
        }
        BigDecimal normalised = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (normalised.scale() > MAX_SCALE) {
            throw new InvalidFieldException(field, raw, "more than " + MAX_SCALE + " decimals cannot be stored exactly");
        }
        if ((long) normalised.precision() - normalised.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidFieldException(field, raw, "too large to store (at most " + MAX_INTEGER_DIGITS + " digits before the point)");
        }
        return normalised.scale() < 0 ? normalised.setScale(0) : normalised;
    }
}
