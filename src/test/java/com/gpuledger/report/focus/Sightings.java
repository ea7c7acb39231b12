package com.gpuledger.report.focus;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.gpuledger.report.InstanceCostRow;

/** What the repository's price query gives for rows in memory: priced rows with a known cost, counted per SKU price. */
public final class Sightings {

    private Sightings() {
    }

    public static List<PriceSighting> of(List<InstanceCostRow> rows) {
        Map<List<Object>, Integer> counts = new LinkedHashMap<>();
        rows.stream().filter(row -> row.costUsd() != null && row.pricePerHour() != null)
                .forEach(row -> counts.merge(Arrays.asList(row.region(), row.gpuType(), row.gpuCount(), row.cpuCores(),
                        row.pricePerHour()), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> new PriceSighting((String) e.getKey().get(0), (String) e.getKey().get(1),
                (Integer) e.getKey().get(2), (Integer) e.getKey().get(3), (BigDecimal) e.getKey().get(4), e.getValue())).toList();
    }
}
