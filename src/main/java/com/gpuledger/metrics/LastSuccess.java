package com.gpuledger.metrics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When a {@code run} last succeeded: ended with the date's reports written (exit 0, 2 or 3; the exit code metric tells
 * them apart).
 */
@FunctionalInterface
interface LastSuccess {

    /** @throws RuntimeException when it cannot be known (the database is down) */
    Optional<Instant> recorded();

    /** As {@code ledger_run} records it. */
    static LastSuccess fromRuns(JdbcClient jdbc) {
        return () -> jdbc.sql("SELECT MAX(ended_at) FROM ledger_run WHERE command = 'run' AND exit_code IN (0, 2, 3)")
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .single();
    }
}
