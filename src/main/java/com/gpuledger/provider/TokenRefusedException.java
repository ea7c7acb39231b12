package com.gpuledger.provider;

/** HTTP 401 or 403: the token is wrong, expired or lacks rights. The whole run stops; retrying cannot help. */
public class TokenRefusedException extends RuntimeException {

    TokenRefusedException(int httpStatus, String call) {
        super("the provider refused the API token (HTTP " + httpStatus + " on " + call
                + "): check LEDGER_API_TOKEN or LEDGER_API_TOKEN_FILE; a nightly job needs an API key (ak_...), login tokens expire after 2 hours");
    }
}
