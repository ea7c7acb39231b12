package com.gpuledger.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders the provider's JSON bodies with the quirks real payloads show. */
final class ProviderPayloads {

    static final ZoneId EASTERN = ZoneId.of("America/New_York");
    static final int USER_ID = 266;
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(EASTERN);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);
    private static final long DEPLOYING_SECONDS = 600;
    private static final BigDecimal PURCHASE = new BigDecimal("30000.00");
    private static final long PURCHASE_EVERY = 3 * 86_400L;
    /** Seconds into its hour a purchase is made: it never shares a time with a consumption. */
    private static final long PURCHASE_AFTER = 1_043;

    private final JsonMapper mapper = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private final long seed;
    private final InstanceIds ids;
    private final PriceBook prices;
    private final PayloadDrift drift;
    private final double provisionalHourRate;
    private final boolean transactionHistory;

    ProviderPayloads(long seed, InstanceIds ids, PriceBook prices, SimulatorSettings.Realism realism,
                     boolean transactionHistory) {
        this.seed = seed;
        this.ids = ids;
        this.prices = prices;
        this.drift = new PayloadDrift(seed, realism.driftRate());
        this.provisionalHourRate = realism.provisionalHourRate();
        this.transactionHistory = transactionHistory;
    }

    byte[] success(JsonNode data, String message, String totalField, long total) {
        ObjectNode body = mapper.createObjectNode();
        body.set("data", data);
        if (totalField != null) {
            body.put(totalField, total);
        }
        body.put("message", message);
        body.put("status", "success");
        return mapper.writeValueAsBytes(body);
    }

    byte[] failed(String message) {
        ObjectNode body = mapper.createObjectNode();
        body.put("status", "failed");
        body.put("message", message);
        return mapper.writeValueAsBytes(body);
    }

    byte[] clock(long now) {
        return mapper.writeValueAsBytes(mapper.createObjectNode().put("now", Instant.ofEpochSecond(now).toString()));
    }

    JsonNode readTree(byte[] body) {
        return mapper.readTree(body);
    }

    ArrayNode instancePage(Lifetime[] lives, int offset, int size, long now) {
        ArrayNode page = mapper.createArrayNode();
        for (int i = offset; i < Math.min(lives.length, offset + size); i++) {
            page.add(listItem(lives[i], now));
        }
        return page;
    }

    /** A list item; price_per_hour is the price in force now, or during the last second for a deleted one. */
    ObjectNode listItem(Lifetime life, long now) {
        InstanceProfile p = InstanceProfile.of(seed, ids, life);
        PayloadDrift.Kind drifted = drift.at(life, now);
        ObjectNode item = mapper.createObjectNode();
        putId(item, p);
        item.put(PayloadDrift.regionField(drifted), Catalog.REGIONS.get(life.region()).name());
        item.put("product_type", life.machine().gpu() ? "GPU" : "CPU");
        item.put("host_name", p.hostName());
        item.put("cpu_cores", p.cpuCores());
        item.put("ram", p.ramGb());
        putGpuType(item, life, p);
        item.put("gpu_count", life.gpuCount());
        item.put("disk_size", p.diskGb());
        item.put("ephemeral", p.ephemeralGb());
        item.put("public_ipv4", p.publicIpv4());
        long priceAt = life.end() <= now ? life.end() - 1 : now;
        item.put("price_per_hour", usd(prices.unitsAt(life.pair(), priceAt) * life.multiplier()));
        item.put("os", p.os());
        item.put("status", status(life, now));
        PayloadDrift.applyShared(item, drifted);
        return item;
    }

    /** The detail: a one-element array, counters as strings, Eastern wall time labelled "EST", no price. */
    ArrayNode detail(Lifetime life, long now) {
        InstanceProfile p = InstanceProfile.of(seed, ids, life);
        PayloadDrift.Kind drifted = drift.at(life, now);
        ObjectNode item = mapper.createObjectNode();
        putId(item, p);
        item.put(PayloadDrift.regionField(drifted), Catalog.REGIONS.get(life.region()).name());
        item.put("instance_type", life.machine().gpu() ? "GPU" : "CPU");
        item.put("host_name", p.hostName());
        item.put("cpu_cores", Integer.toString(p.cpuCores()));
        item.put("ram", Integer.toString(p.ramGb()));
        putGpuType(item, life, p);
        item.put("gpu_count", life.gpuCount());
        item.put("disk_size", p.diskGb());
        item.put("ephemeral", p.ephemeralGb());
        item.put("public_ipv4", p.publicIpv4());
        item.put("login_method", p.loginMethod());
        item.put("os", p.os());
        item.put("exposed_ports", p.exposedPorts());
        item.put("vm_name", p.hostName());
        item.put("status", status(life, now));
        String wall = WALL.format(Instant.ofEpochSecond(life.start()));
        String driftedStart = PayloadDrift.startTime(drifted, life.start());
        item.put("start_time", driftedStart != null ? driftedStart : p.estSuffix() ? wall + " EST" : "EST " + wall);
        if (p.epochBeside()) {
            item.put("started_at", life.start());
        }
        item.put("running_time", runningHours(life.runningSeconds(now)).toPlainString() + " hours");
        item.put("total_cost", dollars(totalCost(life, life.accruedUntil(now)), p.thousandsSeparator()));
        PayloadDrift.applyShared(item, drifted);
        if (p.userName() != null) {
            item.put("user_name", p.userName());
            item.put("password", p.password());
        }
        item.put("vm_password", p.vmPassword());
        return mapper.createArrayNode().add(item);
    }

    /** The price list at now: data.REGION.FAMILY[product], one product per (machine, GPU count). */
    ObjectNode products(long now) {
        ObjectNode data = mapper.createObjectNode();
        for (int r = 0; r < Catalog.REGIONS.size(); r++) {
            Catalog.Region region = Catalog.REGIONS.get(r);
            ObjectNode families = data.putObject(region.name());
            for (int m = 0; m < Catalog.MACHINES.size(); m++) {
                Catalog.Machine machine = Catalog.MACHINES.get(m);
                ArrayNode family = families.has(machine.family())
                        ? (ArrayNode) families.get(machine.family()) : families.putArray(machine.family());
                int pair = Catalog.pair(r, m);
                for (int count : machine.gpu() ? Catalog.GPU_COUNTS : new int[] {0}) {
                    family.add(product(region, machine, pair, count, now));
                }
            }
        }
        return data;
    }

    private ObjectNode product(Catalog.Region region, Catalog.Machine machine, int pair, int count, long now) {
        int units = machine.gpu() ? count : 1;
        long hash = Draws.hash(0, pair, count, Draws.PRODUCT);
        ObjectNode product = mapper.createObjectNode();
        product.put("id", "fcp" + HexFormat.of().toHexDigits(hash).substring(0, 13));
        product.put("name", machine.gpu() ? machine.model() + " x" + count : machine.model());
        product.put("product_type", "Virtual Machine");
        product.put("region", region.name());
        product.put("price_per_hour", usd(prices.unitsAt(pair, now) * units));
        product.put("gpu", machine.gpu() ? machine.model() : "");
        product.put("gpu_type", machine.family());
        product.put("gpu_count", count);
        product.put("cpu", machine.cpuCores() * units);
        product.put("ram", machine.ramGb() * units);
        product.put("disk_size", 100 * units);
        product.put("cycle", "hourly");
        product.put("is_available", Draws.unit(Draws.hash(seed, pair, count, Draws.PRODUCT)) >= 0.1);
        return product;
    }

    /**
     * A page of hourly charge buckets, newest first. The hour in progress ends now, or, for a provisional hour, is
     * labelled as the whole hour while showing only what accrued so far.
     */
    ObjectNode creditHistory(ClockView view, int offset, int size) {
        if (transactionHistory) {
            return creditTransactions(view, offset, size);
        }
        ObjectNode data = mapper.createObjectNode();
        ArrayNode history = data.putArray("credit_history");
        int count = view.bucketCount();
        for (int j = offset; j < Math.min(count, offset + size); j++) {
            int i = count - 1 - j;
            BigDecimal amount = view.bucketAmount(i);
            long end = view.inProgress(i) && provisional(view.bucketStart(i)) ? view.bucketStart(i) + 3_600
                    : view.bucketEnd(i);
            ObjectNode bucket = history.addObject();
            bucket.put("user_id", USER_ID);
            bucket.put("computing_amount", plain(amount));
            bucket.put("serverless_amount", 0);
            bucket.put("total", plain(amount));
            bucket.put("create_time", "EST " + WALL.format(Instant.ofEpochSecond(view.bucketStart(i))));
            bucket.put("update_time", "EST " + WALL.format(Instant.ofEpochSecond(end)));
        }
        data.put("total_credit_histories", count);
        return data;
    }

    /**
     * A page of the charge history in its transaction shape, newest first: one consumption per hour, labelled by the
     * hour's start with no zone (the hour in progress with what it accrued so far, final the next night), and a
     * purchase of $30,000 of credits every 3 days from genesis, 17 min 23 s into its hour. {@code
     * data.credit_balance} is what is left.
     */
    private ObjectNode creditTransactions(ClockView view, int offset, int size) {
        List<ObjectNode> items = new ArrayList<>();
        BigDecimal balance = BigDecimal.ZERO;
        int purchases = 0;
        for (int i = 0; i < view.bucketCount(); i++) {
            long start = view.bucketStart(i);
            BigDecimal amount = view.bucketAmount(i);
            items.add(transaction(100_000 + i, "consumption", plain(amount), start));
            balance = balance.subtract(amount);
            if ((start - view.genesisHour()) % PURCHASE_EVERY == 0 && start + PURCHASE_AFTER <= view.now()) {
                items.add(transaction(900_000 + purchases++, "purchase", PURCHASE, start + PURCHASE_AFTER));
                balance = balance.add(PURCHASE);
            }
        }
        Collections.reverse(items);
        ObjectNode data = mapper.createObjectNode();
        data.put("credit_balance", plain(balance));
        ArrayNode history = data.putArray("credit_history");
        for (int j = offset; j < Math.min(items.size(), offset + size); j++) {
            history.add(items.get(j));
        }
        data.put("total_credit_histories", items.size());
        return data;
    }

    private ObjectNode transaction(long id, String type, BigDecimal amount, long at) {
        ObjectNode item = mapper.createObjectNode();
        item.put("id", id);
        item.put("user_id", USER_ID);
        item.put("transaction_type", type);
        item.put("credit_amount", amount);
        item.put("created_at", WALL.format(Instant.ofEpochSecond(at)));
        item.put("status", "success");
        item.putNull("expire_time");
        return item;
    }

    /** Whether the hour starting at {@code hourStart} is shown provisionally while it is in progress. */
    boolean provisional(long hourStart) {
        return provisionalHourRate > 0
                && Draws.unit(Draws.hash(seed, hourStart, 0, Draws.PROVISIONAL)) < provisionalHourRate;
    }

    /** Running hours: seconds / 3600 truncated to 4 decimals. */
    static BigDecimal runningHours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(SECONDS_PER_HOUR, 4, RoundingMode.DOWN);
    }

    /** A numerator (0.0001 USD x seconds) as dollars, HALF_UP to 4 decimals. */
    static BigDecimal cost(long numerator) {
        return BigDecimal.valueOf(numerator, 4).divide(SECONDS_PER_HOUR, 4, RoundingMode.HALF_UP);
    }

    BigDecimal totalCost(Lifetime life, long until) {
        return cost(life.numerator(prices, life.start(), until));
    }

    static String status(Lifetime life, long now) {
        if (now >= life.end()) {
            return "Deleted";
        }
        if (life.stoppedAt(now)) {
            return "Stopped";
        }
        return now - life.start() < DEPLOYING_SECONDS ? "Deploying" : "Running";
    }

    static String dollars(BigDecimal amount, boolean thousandsSeparator) {
        String text = amount.toPlainString();
        if (!thousandsSeparator || amount.compareTo(BigDecimal.valueOf(1_000)) < 0) {
            return "$" + text;
        }
        int dot = text.indexOf('.');
        StringBuilder grouped = new StringBuilder(text.substring(dot));
        for (int i = dot; i > 0; i -= 3) {
            grouped.insert(0, text.substring(Math.max(0, i - 3), i));
            if (i - 3 > 0) {
                grouped.insert(0, ',');
            }
        }
        return "$" + grouped;
    }

    private void putId(ObjectNode item, InstanceProfile p) {
        if (p.numericId()) {
            item.put("id", Long.parseLong(p.id()));
        } else {
            item.put("id", p.id());
        }
    }

    /** In instance payloads gpu_type holds the model; a CPU machine has it empty or not at all. */
    private static void putGpuType(ObjectNode item, Lifetime life, InstanceProfile p) {
        if (life.machine().gpu()) {
            item.put("gpu_type", life.machine().model());
        } else if (!p.gpuTypeAbsent()) {
            item.put("gpu_type", "");
        }
    }

    private static BigDecimal usd(long units) {
        return plain(BigDecimal.valueOf(units, 4));
    }

    private static BigDecimal plain(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
