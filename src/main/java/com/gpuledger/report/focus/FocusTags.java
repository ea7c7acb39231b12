package com.gpuledger.report.focus;

import java.util.LinkedHashMap;
import java.util.Map;

import com.gpuledger.report.InstanceCostRow;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Tags} column, built here alone. Keys the ledger defines from the provider's data carry the provider prefix
 * {@value #PROVIDER_PREFIX} (FOCUS: provider-defined keys MUST be prefixed); user-defined keys (an allocation's
 * {@code cost_center}, {@code team}, {@code project}, {@code environment}) are the one user-defined scheme and carry
 * none. Values are the provider's strings unaltered; a key without a value is left out.
 */
final class FocusTags {

    static final String PROVIDER_PREFIX = "nebulablock/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FocusTags() {
    }

    static String json(InstanceCostRow row) {
        Map<String, String> tags = new LinkedHashMap<>();
        provider(tags, "gpu_model", row.gpuType());
        provider(tags, "gpu_count", row.gpuCount() == null ? null : row.gpuCount().toString());
        provider(tags, "status", row.status());
        // the seam to allocation: its user-defined keys, never prefixed
        tags.putAll(row.allocation().tags());
        return JSON.writeValueAsString(tags);
    }

    private static void provider(Map<String, String> tags, String key, String value) {
        if (value != null) {
            tags.put(PROVIDER_PREFIX + key, value);
        }
    }
}
