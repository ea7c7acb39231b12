package com.gpuledger.cost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the payloads of a date said about their own fields: each unreadable field is a {@code FIELD_UNREADABLE} WARN
 * naming the instance, the field, the value and what the NULL changes; each field name the parser does not know, and
 * each known one that was absent, is one {@code PAYLOAD_DRIFT} INFO on the first date it is seen (names and counts,
 * never values), and every date's drift is one line of the run's log.
 */
final class PayloadNotes {

    /** A row of {@code snapshot_field_note}. */
    record Note(String instanceId, String field, String kind, String value, String problem) {
    }

    record Findings(List<ReconciliationFinding> findings, String driftSummary) {
    }

    private PayloadNotes() {
    }

    /**
     * @param earlierDrift the drift names of every earlier date, as {@link #driftKey}
     * @param readings     the date's captured snapshots, whose stored values say what each unreadable field changed
     */
    static Findings findings(LocalDate date, List<Note> notes, Set<String> earlierDrift, List<CounterReading> readings) {
        Map<String, CounterReading> byInstance = new HashMap<>();
        readings.forEach(reading -> byInstance.put(reading.instanceId(), reading));
        int payloads = readings.size();
        List<ReconciliationFinding> findings = new ArrayList<>();
        Map<String, Integer> drift = new TreeMap<>();
        for (Note note : notes) {
            if (note.kind().equals("UNREADABLE")) {
                findings.add(ReconciliationFinding.instance(date, note.instanceId(), "FIELD_UNREADABLE", Severity.WARN,
                        "field '" + note.field() + "' " + (note.value() == null ? "" : "has value '" + note.value() + "': ")
                                + note.problem() + "; the instance's counters were captured"
                                + consequence(note.field(), byInstance.get(note.instanceId()))));
            } else {
                drift.merge(driftKey(note.kind(), note.field()), 1, Integer::sum);
            }
        }
        drift.forEach((key, count) -> {
            if (!earlierDrift.contains(key)) {
                findings.add(ReconciliationFinding.account(date, "PAYLOAD_DRIFT", Severity.INFO, describe(key, count, payloads)
                        + ", first seen on this date (names and counts only, never values)"));
            }
        });
        String summary = drift.isEmpty() ? null : drift.entrySet().stream()
                .map(entry -> describe(entry.getKey(), entry.getValue(), payloads))
                .collect(Collectors.joining("; "));
        return new Findings(findings, summary);
    }

    static String driftKey(String kind, String field) {
        return kind + ":" + field;
    }

    private static String describe(String key, int count, int payloads) {
        String kind = key.substring(0, key.indexOf(':'));
        String field = key.substring(key.indexOf(':') + 1);
        String where = " in " + count + " of " + payloads + " payloads";
        return kind.equals("UNKNOWN")
                ? "field '" + field + "' is not one the parser knows" + where + ": ignored"
                : "known field '" + field + "' was absent" + where;
    }

    /**
     * What the unreadable value changed, told from what was stored: another of the field's names, or the list, may
     * have given the value after all.
     */
    private static String consequence(String field, CounterReading stored) {
        if (stored == null) {
            return "";
        }
        return switch (field) {
            case "start_time", "started_at", "created_at" -> stored.startTime() != null
                    ? "; another of its fields gave the start time, " + stored.startTime()
                    : "; no start time is stored: a first-seen instance is a BASELINE (cost unknown), not NEW";
            case "price_per_hour", "price_per_hour (list)" -> stored.pricePerHour() != null
                    ? "; the price is " + stored.pricePerHour().toPlainString() + " from the " + (field.equals("price_per_hour")
                    ? "list" : "detail")
                    : "; no price is stored: no expected cost and no RATE_MISMATCH check";
            case "gpu_type", "gpu", "gpu_count" -> stored.gpuType() != null && stored.gpuCount() != null
                    ? "; another of its names gave " + stored.gpuType() + " x " + stored.gpuCount()
                    : "; GPU type and count stored as NULL: grouped under UNKNOWN, GPU hours unknown";
            case "region" -> stored.region() == null ? "; region stored as NULL: grouped under UNKNOWN" : "";
            case "instance_type", "product_type", "host_name", "vm_name", "name" ->
                    "; stored as NULL unless another of its names gave it";
            default -> "; stored as NULL";
        };
    }
}
