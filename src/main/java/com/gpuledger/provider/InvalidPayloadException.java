package com.gpuledger.provider;

/** A provider answer that cannot be used; the message says why (never quoting a secret). */
public class InvalidPayloadException extends RuntimeException {

    public InvalidPayloadException(String message) {
        super(message);
    }
}
