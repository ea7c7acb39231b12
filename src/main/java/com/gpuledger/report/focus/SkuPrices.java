package com.gpuledger.report.focus;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The list unit price of each SKU price id on one date: the price per hour most of its instances showed (the higher
 * one on a tie), so one SKU price id carries one price in a file even when a deleted instance's last snapshot kept an
 * older price. An instance without a price takes its SKU price's; a SKU price no instance priced has none.
 */
final class SkuPrices {

    private final Map<String, BigDecimal> byId;

    private SkuPrices(Map<String, BigDecimal> byId) {
        this.byId = byId;
    }

    static SkuPrices of(List<PriceSighting> sightings) {
        Map<String, List<PriceSighting>> bySkuPrice = sightings.stream().filter(s -> s.pricePerHour() != null)
                .collect(Collectors.groupingBy(s -> Sku.skuPriceId(s.region(), s.gpuType(), s.gpuCount(), s.cpuCores())));
        Map<String, BigDecimal> byId = new HashMap<>();
        bySkuPrice.forEach((id, seen) -> {
            Map<BigDecimal, Integer> counts = new HashMap<>();
            // compareTo-equal prices are one price: 2.5 and 2.50 count together
            seen.forEach(s -> counts.merge(s.pricePerHour().stripTrailingZeros(), s.instances(), Integer::sum));
            byId.put(id, counts.entrySet().stream()
                    .max(Map.Entry.<BigDecimal, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                    .orElseThrow().getKey());
        });
        return new SkuPrices(byId);
    }

    /** The SKU price's list price, or the instance's own when the day's sightings do not know the SKU price. */
    BigDecimal listUnitPrice(String skuPriceId, BigDecimal instancePrice) {
        return byId.getOrDefault(skuPriceId, instancePrice);
    }
}
