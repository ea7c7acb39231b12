package com.gpuledger.snapshot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.gpuledger.provider.FieldNote;

/**
 * What a snapshot must satisfy before it is stored, beyond what each field's parser checks alone: values that are
 * readable but that the database or the cost step could not hold or use. A counter beyond them is that instance's
 * failure, naming the field and the value; a descriptive field beyond them (GPU count, price) is stored as NULL and
 * noted, as an unreadable one is. Nothing beyond them reaches a later step of the night.
 */
final class SnapshotLimits {

    /**
     * Amounts are DECIMAL(24,8), 16 digits before the point. One instance's cost, hours or expected cost (hours x price)
     * stays below 10^10 ($10 billion), so that a fleet of a million instances still sums inside an amount.
     */
    private static final BigDecimal INSTANCE_LIMIT = BigDecimal.TEN.pow(10);
    /** So that a million instances' GPUs still sum inside an INTEGER. */
    static final int MAX_GPU_COUNT = 1_000;

    private SnapshotLimits() {
    }

    /** @return null when the counters may be stored, else the problem, naming the field and its value */
    static String counterProblem(InstanceSnapshot snapshot) {
        if (snapshot.totalCost().compareTo(INSTANCE_LIMIT) >= 0) {
            return beyondLimit("total_cost", snapshot.totalCost(), "");
        }
        if (snapshot.runningHours().compareTo(INSTANCE_LIMIT) >= 0) {
            return beyondLimit("running_time", snapshot.runningHours(), "");
        }
        return null;
    }

    /**
     * The snapshot with a GPU count or a price beyond the limits stored as NULL, each noted as unreadable.
     *
     * @param priceField the name of the field the price came from (the detail's, or the list's)
     */
    static InstanceSnapshot withinLimits(InstanceSnapshot s, String priceField) {
        Integer gpuCount = s.gpuCount();
        String gpuType = s.gpuType();
        BigDecimal price = s.pricePerHour();
        List<FieldNote> notes = new ArrayList<>(s.notes());
        if (gpuCount != null && gpuCount > MAX_GPU_COUNT) {
            notes.add(new FieldNote("gpu_count", FieldNote.Kind.UNREADABLE, gpuCount.toString(),
                    "more than " + MAX_GPU_COUNT + " GPUs"));
            gpuCount = null;
            gpuType = null;
        }
        if (price != null && s.runningHours().multiply(price).compareTo(INSTANCE_LIMIT) >= 0) {
            notes.add(new FieldNote(priceField, FieldNote.Kind.UNREADABLE, cut(price.toPlainString()),
                    "times running_time " + cut(s.runningHours().toPlainString()) + " is 10^10 or more for one instance,"
                            + " beyond what a fleet's sum of amounts can hold"));
            price = null;
        }
        if (notes.size() == s.notes().size()) {
            return s;
        }
        return new InstanceSnapshot(s.reportDate(), s.instanceId(), s.fetchedAt(), s.source(), s.region(),
                s.instanceType(), s.hostName(), gpuType, gpuCount, s.cpuCores(), s.ramGb(), s.diskGb(),
                s.ephemeralGb(), s.os(), s.status(), s.startTime(), s.startTimeAmbiguous(), s.runningHours(),
                s.totalCost(), price, s.currency(), s.runId(), s.observedAt(), notes);
    }

    private static String beyondLimit(String field, BigDecimal value, String times) {
        return "field '" + field + "' has value '" + cut(value.toPlainString()) + "'" + times + ": 10^10 or more for one"
                + " instance, beyond what a fleet's sum of amounts can hold";
    }

    private static String cut(String value) {
        return value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }
}
