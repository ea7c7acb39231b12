package com.gpuledger.snapshot;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * What a snapshot must satisfy before it is stored, beyond what each field's parser checks alone: values that are
 * readable but that the database or the cost step could not hold or use. A snapshot that breaks one is that
 * instance's failure, naming the field and the value; it never reaches a later step of the night.
 */
final class SnapshotLimits {

    static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
    static final Duration LATEST_AHEAD = Duration.ofDays(2);
    /** Amounts are DECIMAL(24,8): an expected cost (hours x price) must fit one as well. */
    private static final BigDecimal AMOUNT_LIMIT = BigDecimal.TEN.pow(16);

    private SnapshotLimits() {
    }

    /** @return null when the snapshot may be stored, else the problem, naming the field and its value */
    static String problem(InstanceSnapshot snapshot, Instant now) {
        Instant start = snapshot.startTime();
        if (start != null && (start.isBefore(EARLIEST_TIME) || start.isAfter(now.plus(LATEST_AHEAD)))) {
            return "field 'start_time' has value '" + start + "': outside " + EARLIEST_TIME + " .. now + "
                    + LATEST_AHEAD.toDays() + " days";
        }
        BigDecimal price = snapshot.pricePerHour();
        if (price != null && snapshot.runningHours().multiply(price).compareTo(AMOUNT_LIMIT) >= 0) {
            return "field 'price_per_hour' has value '" + cut(price.toPlainString()) + "': times running_time "
                    + cut(snapshot.runningHours().toPlainString()) + " the expected cost has more than 16 digits before the point";
        }
        return null;
    }

    private static String cut(String value) {
        return value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }
}
