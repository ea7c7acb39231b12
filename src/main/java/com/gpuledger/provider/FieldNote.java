package com.gpuledger.provider;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Something noticed about one field of a payload that did not stop the instance from being captured: a value that
 * could not be read (stored as NULL instead), a field name the parser does not know, or a known field that was absent.
 * Names and counts of drift are kept, never their values: an unknown field may be a secret.
 *
 * @param value   for {@link Kind#UNREADABLE} only, as it may be shown (see {@link InvalidFieldException#shownValue()}),
 *                never the value of a field whose name looks like a secret; null otherwise
 * @param problem for {@link Kind#UNREADABLE} only: why it could not be read
 */
public record FieldNote(String field, Kind kind, String value, String problem) {

    public enum Kind {
        /** The value could not be read; the field is stored as NULL. */
        UNREADABLE,
        /** A field name the parser does not know. */
        UNKNOWN,
        /** A field the parser knows and expects, absent from the payload. */
        MISSING
    }

    /** A value under a name like this is never shown, whatever else is wrong with it. */
    private static final Pattern SECRET_NAME = Pattern.compile("pass|secret|token|key|credential|auth|private|cookie|session");

    public FieldNote {
        if (kind != Kind.UNREADABLE) {
            value = null;
            problem = null;
        } else if (value != null && looksSecret(field)) {
            value = "(not shown: the field's name looks like a secret)";
        }
    }

    static FieldNote unreadable(String field, String shownValue, String problem) {
        return new FieldNote(field, Kind.UNREADABLE, shownValue, problem);
    }

    static boolean looksSecret(String field) {
        return SECRET_NAME.matcher(field.toLowerCase(Locale.ROOT)).find();
    }
}
