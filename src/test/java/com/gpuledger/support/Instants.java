package com.gpuledger.support;

import java.time.Instant;
import java.time.OffsetDateTime;

/** H2 and PostgreSQL hand back TIMESTAMP WITH TIME ZONE as different types. */
public final class Instants {

    private Instants() {
    }

    public static Instant of(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalArgumentException("not an instant: " + value);
    }
}
