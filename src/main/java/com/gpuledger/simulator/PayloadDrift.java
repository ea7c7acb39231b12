package com.gpuledger.simulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ObjectNode;

/**
 * How an instance's payloads drift from what the documentation shows, as a provider's revisions would: a share of the
 * instances, each with one kind of drift that starts 0-10 days after the instance started and stays from then on.
 * A pure function of (seed, rate, instance, clock).
 */
final class PayloadDrift {

    /** The ways a payload drifts; the unreadable RAM is the rarest. */
    enum Kind {
        /** {@code region} is sent as {@code location}. */
        REGION_RENAMED,
        /** The detail's {@code start_time} is ISO 8601 with the Eastern offset, e.g. 2026-11-04T10:11:50-05:00. */
        START_ISO_OFFSET,
        /** The detail's {@code start_time} is epoch milliseconds as a digit string. */
        START_EPOCH_MILLIS,
        /** A field the documentation never showed: {@code billing_mode}. */
        NEW_FIELD,
        /** {@code ram} is a word, not a number: "lots". */
        RAM_UNREADABLE
    }

    static final String RENAMED_REGION = "location";
    static final String NEW_FIELD = "billing_mode";
    static final String UNREADABLE_RAM = "lots";
    private static final long DAY = 86_400;
    private static final Kind[] BY_DRAW = {Kind.REGION_RENAMED, Kind.REGION_RENAMED, Kind.START_ISO_OFFSET,
        Kind.START_ISO_OFFSET, Kind.START_EPOCH_MILLIS, Kind.START_EPOCH_MILLIS, Kind.NEW_FIELD, Kind.NEW_FIELD,
        Kind.RAM_UNREADABLE};
    private static final DateTimeFormatter ISO_OFFSET =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ProviderPayloads.EASTERN);

    private final long seed;
    private final double rate;

    PayloadDrift(long seed, double rate) {
        this.seed = seed;
        this.rate = rate;
    }

    /** The kind of drift the instance's payloads show at {@code now}, or null when they show none. */
    Kind at(Lifetime life, long now) {
        if (rate == 0) {
            return null;
        }
        SplittableRandom r = Draws.rng(seed, life.slot(), life.k(), Draws.DRIFT);
        if (r.nextDouble() >= rate) {
            return null;
        }
        Kind kind = BY_DRAW[r.nextInt(BY_DRAW.length)];
        long since = life.start() + r.nextLong(10 * DAY + 1);
        return now >= since ? kind : null;
    }

    /** The name the region is sent under. */
    static String regionField(Kind kind) {
        return kind == Kind.REGION_RENAMED ? RENAMED_REGION : "region";
    }

    /** Applies the drift of the other fields list items and details share; {@code item} already holds ram. */
    static void applyShared(ObjectNode item, Kind kind) {
        if (kind == Kind.NEW_FIELD) {
            item.put(NEW_FIELD, "on-demand");
        } else if (kind == Kind.RAM_UNREADABLE) {
            item.put("ram", UNREADABLE_RAM);
        }
    }

    /** The detail's start time in the drifted shape, or null when the kind leaves it as documented. */
    static String startTime(Kind kind, long start) {
        if (kind == Kind.START_ISO_OFFSET) {
            return ISO_OFFSET.format(Instant.ofEpochSecond(start));
        }
        if (kind == Kind.START_EPOCH_MILLIS) {
            return Long.toString(start * 1_000);
        }
        return null;
    }
}
