package com.gpuledger.provider;

/** HTTP 404: the provider no longer knows the instance. */
public class ProviderNotFoundException extends RuntimeException {

    private final int attempts;

    ProviderNotFoundException(String call, int attempts) {
        super("HTTP 404 on " + call);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
