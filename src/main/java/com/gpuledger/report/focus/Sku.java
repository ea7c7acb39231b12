package com.gpuledger.report.focus;

/**
 * The SKU and SKU price identifiers. A SKU is what is sold, wherever and whenever: a GPU machine by its GPU model and
 * count ({@code H100-80G-SXM x8}), a CPU-only machine by its cores ({@code CPU-16}). A SKU price adds what its price
 * depends on, the region ({@code US-EAST/H100-80G-SXM x8}); it names no amount and no date, so it stays the same when
 * the price changes. A part the provider did not send is spelled {@code unknown}, so the id still names what is known.
 */
final class Sku {

    static final String UNKNOWN = "unknown";

    private Sku() {
    }

    static String skuId(String gpuType, Integer gpuCount, Integer cpuCores) {
        if (isGpu(gpuType, gpuCount)) {
            return (gpuType == null ? UNKNOWN : gpuType) + " x" + (gpuCount == null ? UNKNOWN : gpuCount);
        }
        return "CPU-" + (cpuCores == null ? UNKNOWN : cpuCores);
    }

    static String skuPriceId(String region, String gpuType, Integer gpuCount, Integer cpuCores) {
        return (region == null ? UNKNOWN : region) + "/" + skuId(gpuType, gpuCount, cpuCores);
    }

    /** CPU-only machines have {@code gpu_type = 'CPU'} and no GPUs (contracts section 4); any other is a GPU machine. */
    static boolean isGpu(String gpuType, Integer gpuCount) {
        return !"CPU".equals(gpuType) && !Integer.valueOf(0).equals(gpuCount);
    }
}
