package com.gpuledger.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Hourly prices per (region, machine) over time, in units of 0.0001 USD. Roughly every 12 days a few prices move
 * by 1-5 %, at a deterministic second; a running instance pays, for each second, the price in force then.
 */
final class PriceBook {

    static final long UNITS_PER_USD = 10_000;
    private static final long DAY = 86_400;
    private static final long CHANGE_PERIOD = 12 * DAY;

    /** Receives one constant-price stretch [from, to) at {@code unitsPerHour}. */
    @FunctionalInterface
    interface SegmentConsumer {
        void accept(long from, long to, long unitsPerHour);
    }

    /** Known price changes (ascending instants) and the price table of every epoch between them. */
    private record Schedule(long[] changeAt, long[][] units) {

        /** Epoch of instant t: how many changes happened at or before t. */
        int epochAt(long t) {
            int i = Arrays.binarySearch(changeAt, t);
            return i >= 0 ? i + 1 : -i - 1;
        }

        long lastChange() {
            return changeAt.length == 0 ? Long.MIN_VALUE : changeAt[changeAt.length - 1];
        }
    }

    private final long seed;
    private final long anchor;
    private volatile Schedule schedule;

    /** Changes start ~100 days before genesis, before the first instance of any slot starts. */
    PriceBook(long seed, long genesisEpochSecond) {
        this.seed = seed;
        this.anchor = Math.floorDiv(genesisEpochSecond, DAY) * DAY - 100 * DAY;
        long[] base = new long[Catalog.pairCount()];
        for (int r = 0; r < Catalog.REGIONS.size(); r++) {
            for (int m = 0; m < Catalog.MACHINES.size(); m++) {
                long units = Catalog.MACHINES.get(m).baseUnits() * Catalog.REGIONS.get(r).pricePercent();
                base[Catalog.pair(r, m)] = (units + 50) / 100;
            }
        }
        this.schedule = new Schedule(new long[0], new long[][] {base});
    }

    /** Price per GPU (or per CPU machine) in force during second t. */
    long unitsAt(int pair, long t) {
        Schedule s = covering(t);
        return s.units()[s.epochAt(t)][pair];
    }

    /** Sum over the seconds of [from, to) of the hourly price in units: the cost numerator, divide by 3600. */
    long numerator(int pair, int multiplier, long from, long to) {
        long[] sum = {0};
        segments(pair, multiplier, from, to, (a, b, price) -> sum[0] = Math.addExact(sum[0], (b - a) * price));
        return sum[0];
    }

    /** Splits [from, to) at price changes; prices are multiplied by {@code multiplier} (the GPU count). */
    void segments(int pair, int multiplier, long from, long to, SegmentConsumer consumer) {
        if (to <= from) {
            return;
        }
        Schedule s = covering(to);
        int e = s.epochAt(from);
        long t = from;
        while (t < to) {
            long end = e < s.changeAt().length ? Math.min(to, s.changeAt()[e]) : to;
            consumer.accept(t, end, s.units()[e][pair] * multiplier);
            t = end;
            e++;
        }
    }

    private Schedule covering(long t) {
        Schedule s = schedule;
        if (s.lastChange() > t) {
            return s;
        }
        synchronized (this) {
            s = schedule;
            long[] changeAt = s.changeAt();
            long[][] units = s.units();
            while (changeAt.length == 0 || changeAt[changeAt.length - 1] <= t) {
                int e = changeAt.length + 1;
                SplittableRandom r = Draws.rng(seed, -1, e, Draws.PRICE);
                long at = anchor + e * CHANGE_PERIOD + r.nextLong(DAY);
                long[] next = units[units.length - 1].clone();
                int moves = 2 + r.nextInt(3);
                for (int i = 0; i < moves; i++) {
                    int pair = r.nextInt(next.length);
                    long basisPoints = 100 + r.nextInt(401);
                    long factor = r.nextBoolean() ? 10_000 + basisPoints : 10_000 - basisPoints;
                    next[pair] = Math.max(100, (next[pair] * factor + 5_000) / 10_000);
                }
                changeAt = Arrays.copyOf(changeAt, changeAt.length + 1);
                changeAt[changeAt.length - 1] = at;
                units = Arrays.copyOf(units, units.length + 1);
                units[units.length - 1] = next;
            }
            s = new Schedule(changeAt, units);
            schedule = s;
            return s;
        }
    }
}
