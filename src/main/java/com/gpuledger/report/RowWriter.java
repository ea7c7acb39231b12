package com.gpuledger.report;

import java.io.IOException;

/**
 * A file written from rows handed over one at a time, so several files can be fed by one read of the same rows
 * ({@link ReportFolder#write(RowSource, java.util.List)}). Closed in any case, finished or not.
 */
public interface RowWriter<T> extends AutoCloseable {

    void add(T row) throws IOException;

    /** Writes what follows the rows; @return the data rows written */
    long finish() throws IOException;

    /** Releases what the writer holds besides its stream (the workbook's temp files); nothing by default. */
    @Override
    default void close() throws IOException {
    }
}
