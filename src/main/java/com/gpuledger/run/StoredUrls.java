package com.gpuledger.run;

import java.util.regex.Pattern;

/**
 * The database and provider URLs are logged and stored in {@code ledger_run}, which analysts read: their credentials
 * (user-info, {@code user=} and {@code password=} parameters) are cut out first.
 */
final class StoredUrls {

    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile("(?i)([?&;])(user|password)=[^&;]*");

    private StoredUrls() {
    }

    static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String cleaned = USER_INFO.matcher(url).replaceAll("//");
        return CREDENTIAL_PARAMETER.matcher(cleaned).replaceAll("$1$2=***");
    }
}
