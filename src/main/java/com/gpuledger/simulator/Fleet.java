package com.gpuledger.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated account's instances: a pure function of (seed, size, genesis). Each slot holds a sequence of
 * lifetimes; the first starts 0-90 days before genesis, each lives 1-20 hours (10 %) or 3-60 days, and the next
 * starts 0-48 hours after the previous one is deleted; with a stop rate, some of those living 3 days or more stop once
 * for 2-30 hours. Lifetimes are generated lazily up to a horizon ahead of the clock, kept sorted by (start, id),
 * together with the hourly cost numerators of the whole fleet up to the horizon and, when charges are metered, the
 * hourly sums of the instances' displayed cost increases.
 */
final class Fleet {

    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final long HORIZON_MARGIN = 30 * DAY;

    /**
     * Lifetimes starting before {@code horizon}, sorted, per-hour numerators for [genesisHour, horizon) and, when
     * metered, per-hour charges in 0.0001 USD (else null).
     */
    private record Generation(long horizon, Lifetime[] all, long[] hourNumerators, long[] hourUnits) {
    }

    private final long seed;
    /** Seconds a deleted instance stays listed; 0: for ever. */
    private final long deletedRetention;
    private final int size;
    private final long genesis;
    private final long genesisHour;
    private final PriceBook prices;
    private final InstanceIds ids;
    private final Comparator<Lifetime> listOrder;
    private final double stopRate;
    private final boolean metered;
    private final long[] nextStart;
    private final int[] nextK;
    private volatile Generation generation;

    Fleet(long seed, int size, long genesis, PriceBook prices, InstanceIds ids, long deletedRetention, double stopRate,
            boolean metered) {
        this.deletedRetention = deletedRetention;
        this.stopRate = stopRate;
        this.metered = metered;
        this.seed = seed;
        this.size = size;
        this.genesis = genesis;
        this.genesisHour = Math.floorDiv(genesis, HOUR) * HOUR;
        this.prices = prices;
        this.ids = ids;
        this.listOrder = Comparator.comparingLong(Lifetime::start)
                .thenComparing(l -> ids.idOf(l.slot(), l.k()));
        this.nextStart = new long[size];
        this.nextK = new int[size];
        for (int slot = 0; slot < size; slot++) {
            nextStart[slot] = firstStart(slot);
        }
        this.generation = new Generation(Long.MIN_VALUE, new Lifetime[0], new long[0], metered ? new long[0] : null);
    }

    long genesisHour() {
        return genesisHour;
    }

    /** The lifetime a reference points to, or null when it has not started at {@code now}. */
    Lifetime find(long ref, long now) {
        int slot = InstanceIds.slotOf(ref);
        int k = InstanceIds.kOf(ref);
        if (slot >= size) {
            return null;
        }
        long start = firstStart(slot);
        for (int i = 0; start <= now; i++) {
            Lifetime life = draw(slot, i, start);
            if (i == k) {
                return life;
            }
            start = life.end() + gapAfter(slot, i);
        }
        return null;
    }

    /** Builds what the API shows at {@code now}. */
    ClockView viewAt(long now) {
        Generation g = covering(now);
        List<Lifetime> active = new ArrayList<>();
        List<Lifetime> deleted = new ArrayList<>();
        int fullHours = now <= genesisHour ? 0 : (int) ((now - genesisHour) / HOUR);
        long hourStart = genesisHour + fullHours * HOUR;
        long partial = 0;
        long partialUnits = 0;
        for (Lifetime life : g.all()) {
            if (life.start() > now) {
                break;
            }
            if (life.end() > now) {
                active.add(life);
            } else if (deletedRetention == 0 || life.end() > now - deletedRetention) {
                deleted.add(life);
            }
            if (now > hourStart && life.end() > hourStart) {
                partial += life.numerator(prices, hourStart, now);
                if (metered) {
                    partialUnits += shownUnits(life.numerator(prices, life.start(), now))
                            - shownUnits(life.numerator(prices, life.start(), hourStart));
                }
            }
        }
        return new ClockView(now, active.toArray(Lifetime[]::new), deleted.toArray(Lifetime[]::new), genesisHour,
                g.hourNumerators(), fullHours, partial, g.hourUnits(), partialUnits);
    }

    /** A cumulative numerator as the 0.0001 USD units {@code total_cost} shows: HALF_UP, as {@code cost} rounds. */
    static long shownUnits(long numerator) {
        return (numerator + 1_800) / 3_600;
    }

    /** Cost numerator (0.0001 USD x seconds) accrued by the whole fleet during [from, to). */
    long numerator(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long sum = 0;
        for (Lifetime life : covering(to).all()) {
            if (life.start() >= to) {
                break;
            }
            if (life.end() > from) {
                sum = Math.addExact(sum, life.numerator(prices, from, to));
            }
        }
        return sum;
    }

    private Generation covering(long t) {
        Generation g = generation;
        if (t < g.horizon()) {
            return g;
        }
        synchronized (this) {
            g = generation;
            if (t < g.horizon()) {
                return g;
            }
            long horizon = Math.floorDiv(t, HOUR) * HOUR + HOUR + HORIZON_MARGIN;
            List<Lifetime> fresh = new ArrayList<>();
            for (int slot = 0; slot < size; slot++) {
                while (nextStart[slot] < horizon) {
                    Lifetime life = draw(slot, nextK[slot], nextStart[slot]);
                    fresh.add(life);
                    nextStart[slot] = life.end() + gapAfter(slot, life.k());
                    nextK[slot]++;
                }
            }
            fresh.sort(listOrder);
            Lifetime[] all = Arrays.copyOf(g.all(), g.all().length + fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                all[g.all().length + i] = fresh.get(i);
            }
            g = new Generation(horizon, all, hourNumerators(all, horizon), metered ? meteredHours(all, horizon) : null);
            generation = g;
            return g;
        }
    }

    /** Per-hour numerators over [genesisHour, horizon): partial hours added directly, full hours by differences. */
    private long[] hourNumerators(Lifetime[] all, long horizon) {
        int hours = (int) Math.max(0, (horizon - genesisHour) / HOUR);
        long[] sums = new long[hours];
        long[] fullHourSteps = new long[hours + 1];
        for (Lifetime life : all) {
            life.segments(prices, genesisHour, horizon, (a, b, price) -> {
                int first = (int) ((a - genesisHour) / HOUR);
                int last = (int) ((b - 1 - genesisHour) / HOUR);
                if (first == last) {
                    sums[first] += (b - a) * price;
                    return;
                }
                sums[first] += (genesisHour + (first + 1) * HOUR - a) * price;
                sums[last] += (b - (genesisHour + last * HOUR)) * price;
                fullHourSteps[first + 1] += HOUR * price;
                fullHourSteps[last] -= HOUR * price;
            });
        }
        long step = 0;
        for (int h = 0; h < hours; h++) {
            step += fullHourSteps[h];
            sums[h] += step;
        }
        return sums;
    }

    /**
     * Per-hour charges over [genesisHour, horizon) in 0.0001 USD: for each instance, the increase within the hour of
     * its cumulative cost as displayed (rounded to 4 decimals), so any run of whole hours adds up exactly to the
     * increase of the instances' displayed totals over it.
     */
    private long[] meteredHours(Lifetime[] all, long horizon) {
        int hours = (int) Math.max(0, (horizon - genesisHour) / HOUR);
        long[] units = new long[hours];
        for (Lifetime life : all) {
            long from = Math.max(life.start(), genesisHour);
            long to = Math.min(life.end(), horizon);
            long cumulative = life.numerator(prices, life.start(), from);
            long shown = shownUnits(cumulative);
            for (long t = from; t < to; ) {
                int h = (int) ((t - genesisHour) / HOUR);
                long next = Math.min(to, genesisHour + (h + 1) * HOUR);
                cumulative += life.numerator(prices, t, next);
                long nowShown = shownUnits(cumulative);
                units[h] += nowShown - shown;
                shown = nowShown;
                t = next;
            }
        }
        return units;
    }

    private long firstStart(int slot) {
        return genesis - Draws.rng(seed, slot, 0, Draws.FIRST_START).nextLong(90 * DAY + 1);
    }

    private long gapAfter(int slot, int k) {
        return Draws.rng(seed, slot, k, Draws.GAP).nextLong(48 * HOUR + 1);
    }

    private Lifetime draw(int slot, int k, long start) {
        SplittableRandom r = Draws.rng(seed, slot, k, Draws.LIFETIME);
        long duration = r.nextDouble() < 0.10 ? r.nextLong(HOUR, 20 * HOUR + 1) : r.nextLong(3 * DAY, 60 * DAY + 1);
        SplittableRandom b = Draws.rng(seed, slot, k, Draws.BILLING);
        int region = b.nextInt(Catalog.REGIONS.size());
        boolean cpu = b.nextDouble() < 0.10;
        int machine = pickMachine(b, cpu);
        int gpuCount = cpu ? 0 : pickGpuCount(b);
        SplittableRandom s = Draws.rng(seed, slot, k, Draws.STOP);
        if (duration >= 3 * DAY && s.nextDouble() < stopRate) {
            long stopped = s.nextLong(2 * HOUR, 30 * HOUR + 1);
            long stopAt = start + 6 * HOUR + s.nextLong(duration - 12 * HOUR - stopped);
            return new Lifetime(slot, k, start, start + duration, Catalog.pair(region, machine), gpuCount, stopAt,
                    stopAt + stopped);
        }
        return new Lifetime(slot, k, start, start + duration, Catalog.pair(region, machine), gpuCount);
    }

    private static int pickMachine(SplittableRandom r, boolean cpu) {
        int total = 0;
        for (Catalog.Machine m : Catalog.MACHINES) {
            total += m.gpu() != cpu ? m.weight() : 0;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < Catalog.MACHINES.size(); i++) {
            Catalog.Machine m = Catalog.MACHINES.get(i);
            if (m.gpu() != cpu) {
                x -= m.weight();
                if (x < 0) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("machine weights");
    }

    private static int pickGpuCount(SplittableRandom r) {
        double u = r.nextDouble();
        return u < 0.50 ? 1 : u < 0.75 ? 2 : u < 0.90 ? 4 : 8;
    }
}
