package com.gpuledger.provider;

/** A provider value that cannot be taken as it is; the message names the field and the value. */
public class InvalidFieldException extends InvalidPayloadException {

    private final String field;
    private final String shownValue;
    private final String problem;

    InvalidFieldException(String field, Object value, String problem) {
        this(field, value == null ? null : shown(value.toString()), problem, true);
    }

    private InvalidFieldException(String field, String shownValue, String problem, boolean shown) {
        super("field '" + field + "' " + (shownValue == null ? "is missing" : "has value '" + shownValue + "'") + ": " + problem);
        this.field = field;
        this.shownValue = shownValue;
        this.problem = problem;
    }

    /** The field's name as the payload spells it. */
    public String field() {
        return field;
    }

    /** The value as it may be shown: at most 40 characters, control characters as '?'; null when it was missing. */
    public String shownValue() {
        return shownValue;
    }

    public String problem() {
        return problem;
    }

    /**
     * At most 40 characters of a value, a NUL or a lone surrogate replaced by '?': PostgreSQL refuses them wherever
     * the text is stored.
     */
    static String shown(String text) {
        String cut = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}|\\p{Cs}", "?");
    }
}
