package com.gpuledger.provider;

/** A list the job cannot trust (inconsistent counts, repeating pages, not a list): the run must not go on. */
public class InstanceListException extends RuntimeException {

    InstanceListException(String message, Throwable cause) {
        super(message, cause);
    }
}
