package com.gpuledger.allocation;

import com.gpuledger.run.UsageException;

/** A bad allocation file: exit 64, one line naming the file and the line to fix (contracts section 9). */
public class AllocationFileException extends UsageException {

    AllocationFileException(String source, int line, String problem) {
        super("allocation file " + source + (line > 0 ? ", line " + line : "") + ": " + problem);
    }
}
