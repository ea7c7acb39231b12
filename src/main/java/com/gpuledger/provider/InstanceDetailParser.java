package com.gpuledger.provider;

import tools.jackson.databind.JsonNode;

/** Turns an instance detail envelope into an {@link InstanceDetail}, accepting every variant in provider-api.md. */
public final class InstanceDetailParser {

    private InstanceDetailParser() {
    }

    /**
     * @param expectedId the id that was asked for; {@code data} may be an object or an array holding it
     * @param envelope   a body already checked by {@link ProviderJson#envelope}
     */
    static InstanceDetail parse(String expectedId, JsonNode envelope) {
        JsonNode item = item(expectedId, envelope.get("data"));
        String id = ProviderValues.id(item, "id");
        if (!id.equals(expectedId)) {
            throw new InvalidFieldException("id", id, "the detail of '" + expectedId + "' describes another instance");
        }
        Integer gpuCount = ProviderValues.optionalInteger(item, "gpu_count");
        String gpuType = ProviderValues.optionalText(item, "gpu_type", "gpu");
        String instanceType = ProviderValues.optionalText(item, "instance_type", "product_type");
        boolean cpuOnly = gpuCount == null || gpuCount == 0 || gpuType == null || gpuType.isBlank()
                || InstanceDetail.CPU_ONLY.equalsIgnoreCase(instanceType);
        ProviderTime start = ProviderValues.optionalTime(item, "start_time", "started_at", "created_at");
        return new InstanceDetail(
                id,
                ProviderValues.optionalText(item, "region"),
                instanceType,
                ProviderValues.optionalText(item, "host_name", "vm_name", "name"),
                cpuOnly ? InstanceDetail.CPU_ONLY : gpuType.trim(),
                cpuOnly ? 0 : gpuCount,
                ProviderValues.optionalInteger(item, "cpu_cores"),
                ProviderValues.optionalDecimal(item, "ram"),
                ProviderValues.optionalDecimal(item, "disk_size"),
                ProviderValues.optionalDecimal(item, "ephemeral"),
                ProviderValues.optionalText(item, "os"),
                ProviderValues.optionalText(item, "status"),
                start == null ? null : start.instant(),
                start != null && start.ambiguous(),
                ProviderValues.hours(item, "running_time"),
                ProviderValues.money(item, "total_cost"),
                ProviderValues.optionalDecimal(item, "price_per_hour"),
                "USD");
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
