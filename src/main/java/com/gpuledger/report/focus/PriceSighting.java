package com.gpuledger.report.focus;

import java.math.BigDecimal;

/**
 * How many of a date's charged instances showed one price per hour for one SKU price (region, GPU model and count,
 * CPU cores): what the list price of each SKU price id is chosen from.
 */
public record PriceSighting(String region, String gpuType, Integer gpuCount, Integer cpuCores, BigDecimal pricePerHour,
        int instances) {
}
