package com.gpuledger.run;

/** Another live run holds the lease: exit code 75. */
public class LeaseHeldException extends RuntimeException {

    LeaseHeldException(String message) {
        super(message);
    }
}
