package com.gpuledger.provider;

/** A call that still failed after its attempts, or failed in a way retries cannot mend. */
public class ProviderCallException extends RuntimeException {

    private final Integer httpStatus;
    private final int attempts;

    ProviderCallException(String message, Integer httpStatus, int attempts, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.attempts = attempts;
    }

    /** The last HTTP status seen, or null when no answer came (timeout, refused or broken connection). */
    public Integer httpStatus() {
        return httpStatus;
    }

    public int attempts() {
        return attempts;
    }
}
