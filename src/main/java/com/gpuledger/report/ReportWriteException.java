package com.gpuledger.report;

import java.io.IOException;

/**
 * Report files could not be written or published; the message names the path and the cause (e.g. "No space left on
 * device"). The previously published set, if any, is left as it was.
 */
public class ReportWriteException extends IOException {

    private static final long serialVersionUID = 1L;

    public ReportWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
