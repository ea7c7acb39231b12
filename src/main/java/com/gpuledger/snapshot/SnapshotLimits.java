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
    /**
     * Amounts are DECIMAL(24,8), 16 digits before the point. One instance's cost, hours or expected cost (hours x price)
     * stays below 10^10 ($10 billion), so that a fleet of a million instances still sums inside an amount.
     */
    private static final BigDecimal INSTANCE_LIMIT = BigDecimal.TEN.pow(10);
    /** So that a million instances' GPUs still sum inside an INTEGER. */
    static final int MAX_GPU_COUNT = 1_000;

    private SnapshotLimits() {
    }

    /** @return null when the snapshot may be stored, else the problem, naming the field and its value */
    static String problem(InstanceSnapshot snapshot, Instant now) {
        Instant start = snapshot.startTime();
        if (start != null && (start.isBefore(EARLIEST_TIME) || start.isAfter(now.plus(LATEST_AHEAD)))) {
            return "field 'start_time' has value '" + start + "': outside " + EARLIEST_TIME + " .. now + "
                    + LATEST_AHEAD.toDays() + " days";
        }
        if (snapshot.gpuCount() > MAX_GPU_COUNT) {
            return "field 'gpu_count' has value '" + snapshot.gpuCount() + "': more than " + MAX_GPU_COUNT + " GPUs";
        }
        if (snapshot.totalCost().compareTo(INSTANCE_LIMIT) >= 0) {
            return beyondLimit("total_cost", snapshot.totalCost(), "");
        }
        if (snapshot.runningHours().compareTo(INSTANCE_LIMIT) >= 0) {
            return beyondLimit("running_time", snapshot.runningHours(), "");
        }
        BigDecimal price = snapshot.pricePerHour();
        if (price != null && snapshot.runningHours().multiply(price).compareTo(INSTANCE_LIMIT) >= 0) {
            return beyondLimit("price_per_hour", price, " times running_time " + cut(snapshot.runningHours().toPlainString()));
        }
        return null;
    }

    private static String beyondLimit(String field, BigDecimal value, String times) {
        return "field '" + field + "' has value '" + cut(value.toPlainString()) + "'" + times + ": 10^10 or more for one"
                + " instance, beyond what a fleet's sum of amounts can hold";
    }

    private static String cut(String value) {
        return value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }
}
