package com.gpuledger.simulator;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Instance ids that look random but decode back to (slot, k), so a detail request needs no id index.
 * About 5 % are plain integers (old payloads); the rest are UUID-like strings whose first half is a keyed
 * Feistel permutation of (slot, k) and whose second half is a check value.
 */
final class InstanceIds {

    static final int K_BITS = 20;
    private static final long K_MASK = (1L << K_BITS) - 1;
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,18}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final long seed;
    private final long fleetSize;
    private final long[] keys = new long[4];

    InstanceIds(long seed, int fleetSize) {
        this.seed = seed;
        this.fleetSize = Math.max(1, fleetSize);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Draws.hash(seed, i, 0, Draws.FEISTEL);
        }
    }

    boolean isNumeric(int slot, int k) {
        return Draws.unit(Draws.hash(seed, slot, k, Draws.ID_KIND)) < 0.05;
    }

    String idOf(int slot, int k) {
        if (isNumeric(slot, k)) {
            return Long.toString(1 + slot + fleetSize * k);
        }
        long hi = encrypt(((long) slot << K_BITS) | k);
        long lo = Draws.hash(seed, hi, 0, Draws.CHECK);
        String hex = HEX.toHexDigits(hi) + HEX.toHexDigits(lo);
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
    }

    static int slotOf(long ref) {
        return (int) (ref >>> K_BITS);
    }

    static int kOf(long ref) {
        return (int) (ref & K_MASK);
    }

    /**
     * The (slot, k) reference an id was made from, or -1 when the text is no id of this fleet. The caller still
     * checks that the slot exists and the instance has started.
     */
    long decode(String id) {
        long ref = NUMERIC.matcher(id).matches() ? decodeNumeric(Long.parseLong(id)) : decodeUuid(id);
        if (ref < 0 || slotOf(ref) >= fleetSize || !idOf(slotOf(ref), kOf(ref)).equals(id)) {
            return -1;
        }
        return ref;
    }

    private long decodeNumeric(long n) {
        if (n < 1 || (n - 1) / fleetSize > K_MASK) {
            return -1;
        }
        return ((n - 1) % fleetSize) << K_BITS | (n - 1) / fleetSize;
    }

    private long decodeUuid(String id) {
        if (!UUID.matcher(id).matches()) {
            return -1;
        }
        long hi = Long.parseUnsignedLong(id.substring(0, 8) + id.substring(9, 13) + id.substring(14, 18), 16);
        long ref = decrypt(hi);
        return ref < 0 || (ref >>> (31 + K_BITS)) != 0 ? -1 : ref;
    }

    private long encrypt(long v) {
        int l = (int) (v >>> 32);
        int r = (int) v;
        for (long key : keys) {
            int t = l ^ round(r, key);
            l = r;
            r = t;
        }
        return ((long) l << 32) | (r & 0xffffffffL);
    }

    private long decrypt(long v) {
        int l = (int) (v >>> 32);
        int r = (int) v;
        for (int i = keys.length - 1; i >= 0; i--) {
            int t = r ^ round(l, keys[i]);
            r = l;
            l = t;
        }
        return ((long) l << 32) | (r & 0xffffffffL);
    }

    private static int round(int x, long key) {
        return (int) Draws.mix(key ^ (x & 0xffffffffL));
    }
}
