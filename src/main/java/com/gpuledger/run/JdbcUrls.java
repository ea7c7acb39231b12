package com.gpuledger.run;

import java.util.regex.Pattern;

/** Database URLs are logged and stored, so their credentials are cut out first. */
final class JdbcUrls {

    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile("(?i)([?&;])(user|password)=[^&;]*");

    private JdbcUrls() {
    }

    static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String cleaned = USER_INFO.matcher(url).replaceAll("//");
        return CREDENTIAL_PARAMETER.matcher(cleaned).replaceAll("$1$2=***");
    }
}
