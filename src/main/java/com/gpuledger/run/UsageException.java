package com.gpuledger.run;

/** A usage or configuration error: one line for the operator, exit code 64, no stack trace. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
