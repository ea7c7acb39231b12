package com.gpuledger.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who a cost line belongs to (contracts section 9), as the allocation feature stored it: {@code costCenter} is never
 * null ({@value #UNALLOCATED} when no rule matched); the other fields are null when the matching rule did not set them.
 */
public record CostAllocation(String costCenter, String team, String project, String environment) {

    public static final String UNALLOCATED = "unallocated";

    public static final CostAllocation NONE = new CostAllocation(UNALLOCATED, null, null, null);

    public CostAllocation {
        if (costCenter == null) {
            costCenter = UNALLOCATED;
        }
    }

    /**
     * The seam for FOCUS {@code Tags}: the allocation as user-defined keys {@code cost_center}, {@code team},
     * {@code project}, {@code environment}, in that order, keys without a value left out.
     */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("cost_center", costCenter);
        putIfPresent(tags, "team", team);
        putIfPresent(tags, "project", project);
        putIfPresent(tags, "environment", environment);
        return tags;
    }

    private static void putIfPresent(Map<String, String> tags, String key, String value) {
        if (value != null) {
            tags.put(key, value);
        }
    }
}
