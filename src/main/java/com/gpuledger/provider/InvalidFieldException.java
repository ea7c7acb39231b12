package com.gpuledger.provider;

/** A provider value that cannot be taken as it is; the message names the field and the value. */
public class InvalidFieldException extends InvalidPayloadException {

    InvalidFieldException(String field, Object value, String problem) {
        super("field '" + field + "' " + describe(value) + ": " + problem);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "is missing";
        }
        String text = value.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        // a NUL or a lone surrogate in a message is refused by PostgreSQL wherever the message is stored
        text = text.replaceAll("\\p{Cntrl}|\\p{Cs}", "?");
        return "has value '" + text + "'";
    }
}
