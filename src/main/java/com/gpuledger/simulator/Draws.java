package com.gpuledger.simulator;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Deterministic randomness: every draw is a pure function of (seed, a, b, salt), never of global state. */
final class Draws {

    static final long FIRST_START = 1;
    static final long LIFETIME = 2;
    static final long PROFILE = 3;
    static final long ID_KIND = 4;
    static final long PRICE = 5;
    static final long FAULT = 6;
    static final long FEISTEL = 7;
    static final long CHECK = 8;
    static final long PRODUCT = 9;
    static final long GAP = 10;
    static final long BILLING = 11;
    static final long RUN_START = 12;
    static final long REQUEST_TIME = 13;
    static final long PROVISIONAL = 14;
    static final long STOP = 15;
    static final long DRIFT = 16;

    private Draws() {
    }

    /** The splitmix64 finalizer: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a, long b, long salt) {
        long h = mix(seed + 0x9e3779b97f4a7c15L);
        h = mix(h ^ (a * 0xc2b2ae3d27d4eb4fL));
        h = mix(h ^ (b * 0x165667b19e3779f9L));
        return mix(h ^ (salt * 0xd6e8feb86659fd93L));
    }

    static long hash(long seed, String text, long b, long salt) {
        long fnv = 0xcbf29ce484222325L;
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            fnv = (fnv ^ (x & 0xff)) * 0x100000001b3L;
        }
        return hash(seed, fnv, b, salt);
    }

    static SplittableRandom rng(long seed, long a, long b, long salt) {
        return new SplittableRandom(hash(seed, a, b, salt));
    }

    /** Maps a hash to [0, 1). */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }
}
