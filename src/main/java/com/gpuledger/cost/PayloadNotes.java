package com.gpuledger.cost;

import java.time.LocalDate;
import java.util.ArrayList;
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
     * @param previousDrift the drift names of the previous date, as {@link #driftKey}
     * @param payloads      how many payloads the date captured
     */
    static Findings findings(LocalDate date, List<Note> notes, Set<String> previousDrift, int payloads) {
        List<ReconciliationFinding> findings = new ArrayList<>();
        Map<String, Integer> drift = new TreeMap<>();
        for (Note note : notes) {
            if (note.kind().equals("UNREADABLE")) {
                findings.add(ReconciliationFinding.instance(date, note.instanceId(), "FIELD_UNREADABLE", Severity.WARN,
                        "field '" + note.field() + "' " + (note.value() == null ? "" : "has value '" + note.value() + "': ")
                                + note.problem() + "; stored as NULL, the instance's counters were captured"
                                + consequence(note.field())));
            } else {
                drift.merge(driftKey(note.kind(), note.field()), 1, Integer::sum);
            }
        }
        drift.forEach((key, count) -> {
            if (!previousDrift.contains(key)) {
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

    /** What a NULL in the field changes downstream. */
    private static String consequence(String field) {
        return switch (field) {
            case "start_time", "started_at", "created_at" ->
                    "; without a readable start time a first-seen instance is a BASELINE (cost unknown), not NEW";
            case "price_per_hour" -> "; the list's price is used if it has one, else no expected cost and no RATE_MISMATCH check";
            case "price_per_hour (list)" -> "; the detail's price is used if it has one, else no expected cost and no"
                    + " RATE_MISMATCH check";
            case "gpu_type", "gpu", "gpu_count" -> "; GPU type and count unknown: grouped under UNKNOWN, GPU hours unknown";
            case "region" -> "; grouped under region UNKNOWN";
            default -> "";
        };
    }
}
