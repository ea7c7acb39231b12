package com.gpuledger.provider;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Turns an instance detail envelope into an {@link InstanceDetail}, accepting every variant in provider-api.md and
 * degrading field by field beyond it. Only the identity and the counters ({@code id}, {@code total_cost},
 * {@code running_time}) decide whether an instance is captured: any other field that cannot be read is NULL and a
 * {@link FieldNote} says which and why, whatever went wrong with it. Field names the parser does not know, and known
 * ones that are absent, are noted by name: drift noticed, not only survived.
 */
public final class InstanceDetailParser {

    /** Every field name of the detail the parser knows, read or deliberately ignored (login secrets among them). */
    static final Set<String> KNOWN_FIELDS = Set.of("id", "region", "instance_type", "product_type", "host_name",
            "vm_name", "name", "gpu_type", "gpu", "gpu_count", "cpu_cores", "ram", "disk_size", "ephemeral", "os",
            "status", "start_time", "started_at", "created_at", "running_time", "total_cost", "price_per_hour",
            "public_ipv4", "login_method", "exposed_ports", "user_name", "password", "vm_password");

    /** Fields every detail revision seen so far carries, each with the names it goes by (the first one reported). */
    private static final List<List<String>> EXPECTED_FIELDS = List.of(List.of("region"),
            List.of("instance_type", "product_type"), List.of("host_name", "vm_name", "name"), List.of("cpu_cores"),
            List.of("ram"), List.of("gpu_count"), List.of("disk_size"), List.of("os"), List.of("status"),
            List.of("start_time", "started_at", "created_at"));

    private static final String TWO_VALUES = "(two values)";
    private static final String GIVEN_TWICE = "given twice in one object with different values: which one the provider"
            + " meant cannot be told";

    /** The most unknown field names noted of one payload; beyond them, one note says there were more. */
    static final int MAX_UNKNOWN_NAMES = 20;
    static final String MORE_UNKNOWN_NAMES = "(more than " + MAX_UNKNOWN_NAMES + " unknown names)";

    private InstanceDetailParser() {
    }

    /**
     * @param expectedId the id that was asked for; {@code data} may be an object or an array holding it
     * @param envelope   a body already checked by {@link ProviderJson#envelope}
     * @param latestTime the latest readable time (a later start time is unreadable)
     * @param observedAt the provider's own clock at the answer (its {@code Date} header), or null
     * @param duplicated the names the instance's object gives twice with different values
     * @throws InvalidFieldException when the id or a counter cannot be read: the instance is not captured
     */
    static InstanceDetail parse(String expectedId, JsonNode envelope, Instant latestTime, Instant observedAt,
                                Set<String> duplicated) {
        JsonNode item = item(expectedId, envelope.get("data"));
        for (String decisive : List.of("id", "total_cost", "running_time")) {
            if (duplicated.contains(decisive)) {
                throw new InvalidFieldException(decisive, TWO_VALUES, GIVEN_TWICE);
            }
        }
        String id = ProviderValues.id(item, "id");
        if (!id.equals(expectedId)) {
            throw new InvalidFieldException("id", id, "the detail of '" + expectedId + "' describes another instance");
        }
        BigDecimal runningHours = ProviderValues.hours(item, "running_time");
        BigDecimal totalCost = ProviderValues.money(item, "total_cost");

        Fields fields = new Fields(item, duplicated);
        String instanceType = fields.text("instance_type", "product_type");
        Integer gpuCount = fields.read(node -> ProviderValues.optionalInteger(node, "gpu_count"), "gpu_count");
        String gpuType = fields.text("gpu_type", "gpu");
        boolean gpuUnreadable = fields.unreadable("gpu_count") || (gpuType == null
                && (fields.unreadable("gpu_type") || fields.unreadable("gpu")));
        boolean cpuOnly = !gpuUnreadable && (gpuCount == null || gpuCount == 0 || gpuType == null || gpuType.isBlank()
                || InstanceDetail.CPU_ONLY.equalsIgnoreCase(instanceType));
        ProviderTime start = fields.startTime(latestTime);
        return new InstanceDetail(
                id,
                fields.text("region"),
                instanceType,
                fields.text("host_name", "vm_name", "name"),
                cpuOnly ? InstanceDetail.CPU_ONLY : gpuUnreadable ? null : gpuType.trim(),
                cpuOnly ? Integer.valueOf(0) : gpuUnreadable ? null : gpuCount,
                fields.read(node -> ProviderValues.optionalInteger(node, "cpu_cores"), "cpu_cores"),
                fields.read(node -> ProviderValues.optionalDecimal(node, "ram"), "ram"),
                fields.read(node -> ProviderValues.optionalDecimal(node, "disk_size"), "disk_size"),
                fields.read(node -> ProviderValues.optionalDecimal(node, "ephemeral"), "ephemeral"),
                fields.text("os"),
                fields.text("status"),
                start == null ? null : start.instant(),
                start != null && start.ambiguous(),
                runningHours,
                totalCost,
                fields.read(node -> ProviderValues.optionalDecimal(node, "price_per_hour"), "price_per_hour"),
                "USD",
                observedAt,
                fields.notes(expectedFieldsMissing(item)));
    }

    private static List<String> expectedFieldsMissing(JsonNode item) {
        return EXPECTED_FIELDS.stream()
                .filter(names -> names.stream().allMatch(name -> ProviderValues.isAbsent(item.get(name))))
                .map(names -> names.get(0))
                .toList();
    }

    /** The descriptive fields of one payload, each read on its own: what cannot be read is noted and left NULL. */
    private static final class Fields {

        private final JsonNode item;
        private final Set<String> duplicated;
        private final List<FieldNote> notes = new ArrayList<>();

        Fields(JsonNode item, Set<String> duplicated) {
            this.item = item;
            this.duplicated = duplicated;
        }

        /** @param names the names the value may go by, the first present one being read */
        <T> T read(Function<JsonNode, T> reader, String... names) {
            String twice = java.util.Arrays.stream(names).filter(duplicated::contains).findFirst().orElse(null);
            if (twice != null) {
                notes.add(FieldNote.unreadable(twice, TWO_VALUES, GIVEN_TWICE));
                return null;
            }
            try {
                return reader.apply(item);
            } catch (InvalidFieldException e) {
                notes.add(FieldNote.unreadable(e.field(), e.shownValue(), e.problem()));
            } catch (RuntimeException e) {
                // whatever else a value does to its reader costs that field alone
                String field = firstPresent(names);
                notes.add(FieldNote.unreadable(field, InvalidFieldException.shown(String.valueOf(item.get(field))),
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
            return null;
        }

        /** The first readable text of the names a value goes by; each unreadable one noted, so another may still say it. */
        String text(String... names) {
            String text = null;
            for (String name : names) {
                if (ProviderValues.isAbsent(item.get(name))) {
                    continue;
                }
                String value = read(node -> ProviderValues.optionalText(node, name), name);
                if (text == null) {
                    text = value;
                }
            }
            return text;
        }

        /** The first readable of the start-time fields; the unreadable ones noted, so another may still say it. */
        ProviderTime startTime(Instant latest) {
            ProviderTime start = null;
            for (String name : List.of("started_at", "created_at", "start_time")) {
                JsonNode value = item.get(name);
                if (ProviderValues.isAbsent(value)) {
                    continue;
                }
                ProviderTime time = read(node -> ProviderValues.time(value, name, latest), name);
                if (start == null) {
                    start = time;
                }
            }
            return start;
        }

        boolean unreadable(String field) {
            return notes.stream().anyMatch(note -> note.field().equals(field));
        }

        List<FieldNote> notes(List<String> missing) {
            List<FieldNote> all = new ArrayList<>(notes);
            int unknown = 0;
            for (Iterator<String> names = item.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (KNOWN_FIELDS.contains(name)) {
                    continue;
                }
                // a payload of thousands of new names is one drift, not thousands of rows
                if (++unknown > MAX_UNKNOWN_NAMES) {
                    all.add(new FieldNote(MORE_UNKNOWN_NAMES, FieldNote.Kind.UNKNOWN, null, null));
                    break;
                }
                all.add(new FieldNote(InvalidFieldException.shown(name), FieldNote.Kind.UNKNOWN, null, null));
            }
            missing.forEach(name -> all.add(new FieldNote(name, FieldNote.Kind.MISSING, null, null)));
            return List.copyOf(all);
        }

        private String firstPresent(String... names) {
            for (String name : names) {
                if (!ProviderValues.isAbsent(item.get(name))) {
                    return name;
                }
            }
            return names[0];
        }
    }

    private static JsonNode item(String expectedId, JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw new InvalidFieldException("data", null, "required");
        }
        if (data.isObject()) {
            return data;
        }
        if (!data.isArray()) {
            throw new InvalidFieldException("data", data.getNodeType(), "neither an object nor an array");
        }
        if (data.isEmpty()) {
            throw new InvalidFieldException("data", "[]", "no instance in the answer");
        }
        if (data.size() == 1) {
            return data.get(0);
        }
        for (JsonNode candidate : data) {
            JsonNode id = candidate.get("id");
            if (id != null && expectedId.equals(id.isNumber() ? id.asString() : id.asString().trim())) {
                return candidate;
            }
        }
        throw new InvalidFieldException("data", data.size() + " items", "none of them is instance '" + expectedId + "'");
    }
}
