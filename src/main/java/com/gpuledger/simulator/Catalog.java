package com.gpuledger.simulator;

import java.util.List;

/** What the simulated provider sells: regions and machine types, with base prices in units of 0.0001 USD. */
final class Catalog {

    /** A region and its price factor in percent of the base price. */
    record Region(String name, int pricePercent, String ipPrefix) {
    }

    /**
     * A machine type. For a GPU machine the price, cores, RAM and ephemeral disk are per GPU and scale with the
     * GPU count; a CPU machine is priced whole.
     */
    record Machine(String model, String family, boolean gpu, long baseUnits, int cpuCores, int ramGb,
            int ephemeralGb, int weight) {
    }

    static final List<Region> REGIONS = List.of(
            new Region("CANADA", 100, "38.80"),
            new Region("US-EAST", 104, "64.247"),
            new Region("US-WEST", 102, "69.30"),
            new Region("FINLAND", 96, "65.109"),
            new Region("SINGAPORE", 109, "103.219"));

    static final List<Machine> MACHINES = List.of(
            new Machine("H100-80G-SXM", "H100", true, 23_000, 24, 236, 3_000, 8),
            new Machine("H100-80G-PCIe", "H100", true, 19_900, 24, 180, 2_000, 10),
            new Machine("A100-80G", "A100", true, 12_900, 16, 120, 1_800, 14),
            new Machine("L40S", "L40S", true, 8_900, 12, 96, 1_500, 14),
            new Machine("RTX-A6000", "A6000", true, 6_790, 28, 58, 1_500, 20),
            new Machine("A6000-ADA", "A6000", true, 7_900, 16, 64, 1_500, 12),
            new Machine("RTX-4090", "RTX4090", true, 3_900, 8, 48, 800, 22),
            new Machine("CPU-4", "CPU", false, 500, 4, 8, 0, 4),
            new Machine("CPU-8", "CPU", false, 1_000, 8, 16, 0, 3),
            new Machine("CPU-16", "CPU", false, 2_000, 16, 32, 0, 2),
            new Machine("CPU-32", "CPU", false, 4_000, 32, 64, 0, 1));

    static final int[] GPU_COUNTS = {1, 2, 4, 8};

    private Catalog() {
    }

    static int pairCount() {
        return REGIONS.size() * MACHINES.size();
    }

    static int pair(int region, int machine) {
        return region * MACHINES.size() + machine;
    }
}
