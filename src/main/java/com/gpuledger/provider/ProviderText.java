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
}
