package com.gpuledger.provider;

/**
 * Text that came from the provider (a message of its own, a value it sent) on its way into the database or a report:
 * the API token is masked in it, as it is in the log. A provider that echoes the request's header in an error message
 * must not plant the token in {@code fetch_failure} or the findings.
 */
public final class ProviderText {

    private ProviderText() {
    }

    public static String withoutSecrets(String text) {
        return SecretMasking.masked(text);
    }

    /** At most {@code max} characters (an ellipsis marks a cut), control characters as '?'; null stays null. */
    public static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        return shown.length() <= max ? shown : shown.substring(0, max - 3) + "...";
    }

    /** The provider's own words inside a sentence of ours: cut to {@code max} characters and in double quotes. */
    public static String quoted(String text, int max) {
        return '"' + cut(text, max).replace('"', '\'') + '"';
    }
}
