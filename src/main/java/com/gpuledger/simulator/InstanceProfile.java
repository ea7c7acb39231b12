package com.gpuledger.simulator;

import java.util.SplittableRandom;

/**
 * The descriptive attributes of one instance, drawn from (seed, slot, k), plus the per-instance payload quirks:
 * where the start time's "EST" label goes, whether epoch seconds ride along, and how the cost is formatted.
 */
record InstanceProfile(String id, boolean numericId, String hostName, int cpuCores, int ramGb, int diskGb,
        int ephemeralGb, String publicIpv4, String os, String loginMethod, String exposedPorts, String vmPassword,
        String userName, String password, boolean estSuffix, boolean epochBeside, boolean thousandsSeparator,
        boolean gpuTypeAbsent) {

    private static final String[] NAMES = {"mike", "anna", "train-llm", "sd-finetune", "jupyter", "eval", "bench",
        "raj", "li-wei", "infer", "rl-agent", "whisper", "llama-ft", "dev", "sofia", "batch-embed", "kaggle", "demo"};
    private static final String[] OPERATING_SYSTEMS = {"Ubuntu Server 22.04 LTS",
        "Ubuntu Server 20.04 LTS (Focal Fossa)", "Ubuntu Server 24.04 LTS (Noble Numbat)", "Debian 12 (Bookworm)"};
    private static final int[] DISKS = {100, 200, 500, 1000};
    private static final String SECRET_CHARS =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!=-_@#%";

    static InstanceProfile of(long seed, InstanceIds ids, Lifetime life) {
        SplittableRandom r = Draws.rng(seed, life.slot(), life.k(), Draws.PROFILE);
        Catalog.Machine machine = life.machine();
        int units = machine.gpu() ? life.gpuCount() : 1;
        boolean withUser = r.nextBoolean();
        return new InstanceProfile(
                ids.idOf(life.slot(), life.k()),
                ids.isNumeric(life.slot(), life.k()),
                hostName(r),
                machine.cpuCores() * units,
                machine.ramGb() * units,
                DISKS[r.nextInt(DISKS.length)],
                machine.ephemeralGb() * units,
                Catalog.REGIONS.get(life.region()).ipPrefix() + "." + (1 + r.nextInt(254)) + "." + (1 + r.nextInt(254)),
                OPERATING_SYSTEMS[r.nextInt(OPERATING_SYSTEMS.length)],
                r.nextInt(3) == 0 ? "password" : "",
                r.nextInt(4) == 0 ? "22,8888,6006" : "",
                secret(r, 16),
                withUser ? (r.nextBoolean() ? "ubuntu" : "root") : null,
                withUser ? secret(r, 12) : null,
                r.nextDouble() < 0.20,
                r.nextDouble() < 0.20,
                r.nextDouble() < 0.30,
                r.nextBoolean());
    }

    /** User-like names; about 1 % begin with a spreadsheet formula character. */
    private static String hostName(SplittableRandom r) {
        String name = NAMES[r.nextInt(NAMES.length)] + "-" + (1 + r.nextInt(1200));
        if (r.nextDouble() >= 0.01) {
            return name;
        }
        return switch (r.nextInt(4)) {
            case 0 -> "=2+5+cmd|' /C calc'!A0";
            case 1 -> "+" + name;
            case 2 -> "-" + name;
            default -> "@" + name;
        };
    }

    private static String secret(SplittableRandom r, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(SECRET_CHARS.charAt(r.nextInt(SECRET_CHARS.length())));
        }
        return s.toString();
    }
}
