package com.gpuledger.report;

import java.util.function.Consumer;

/**
 * Rows handed over one at a time, so a report of 100,000 instances never sits in memory. A source may be iterated
 * several times (the day's files are fed by one pass together, the mail and the metrics walk it again; e.g. a database
 * query re-run each time) and must yield the same rows in the same order every time.
 */
@FunctionalInterface
public interface RowSource<T> {

    void forEach(Consumer<? super T> action);
}
