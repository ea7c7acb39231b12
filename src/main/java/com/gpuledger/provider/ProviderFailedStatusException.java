package com.gpuledger.provider;

/** A well-formed body whose {@code status} is not {@code success}: a failure even with HTTP 200, not retried. */
class ProviderFailedStatusException extends InvalidPayloadException {

    ProviderFailedStatusException(String message) {
        super(message);
    }
}
