package com.gpuledger.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads the account's charge history, newest first, back to a cutoff. The history grows while we page (a new hour may
 * begin), which shifts the pages: a pass whose {@code total_credit_histories} changed is made again.
 * Times are US Eastern wall times, so the autumn's repeated hour carries the same labels twice; as the history is
 * ordered, each hour takes the latest reading that ends no later than the newer hour began.
 * <p>
 * Either documented shape is read, item by item: an hourly bucket ({@code computing_amount}, {@code create_time},
 * {@code update_time}), or a transaction ({@code transaction_type}, {@code credit_amount}, {@code created_at}): a
 * {@code purchase} is a top-up, any other type a consumption, the account's charge for the hour from its
 * {@code created_at} (to its {@code update_time} or {@code updated_at} when it says), whatever the amount's sign.
 * An item of neither shape fails the read.
 * <p>
 * A pass stops at a page that adds no new item (a repeat: with no total it would otherwise never end) and, when the
 * total is known, after the pages it needs at the length the first page really had, and one more.
 */
public class ChargeHistoryLister {

    static final String PATH = "/users/credits/history";

    private final ProviderClient client;
    private final int pageSize;

    ChargeHistoryLister(ProviderClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /** Every hour that starts at or after {@code cutoff} (and the one that straddles it), and the purchases among them. */
    public ChargeHistory since(Instant cutoff) {
        List<String> passes = new ArrayList<>();
        for (int pass = 1; pass <= InstanceLister.MAX_PASSES; pass++) {
            Map<Instant, ChargeHour> buckets = new LinkedHashMap<>();
            Map<String, CreditPurchase> purchases = new LinkedHashMap<>();
            String problem = onePass(cutoff, buckets, purchases);
            if (problem == null) {
                return new ChargeHistory(new ArrayList<>(buckets.values()), new ArrayList<>(purchases.values()));
            }
            passes.add("pass " + pass + ": " + problem);
        }
        throw new InvalidPayloadException("the charge history " + PATH + " stayed inconsistent: " + String.join("; ", passes));
    }

    private String onePass(Instant cutoff, Map<Instant, ChargeHour> buckets, Map<String, CreditPurchase> purchases) {
        int offset = 0;
        Integer total = null;
        Instant newerStart = null;
        int pages = 0;
        long maxPages = Long.MAX_VALUE;
        while (true) {
            String call = "GET " + PATH + "?limit=" + pageSize + "&offset=" + offset;
            JsonNode data = client.get(call, PATH + "?limit={limit}&offset={offset}", pageSize, offset).path("data");
            JsonNode items = data.isArray() ? data : data.path("credit_history");
            if (!items.isArray()) {
                throw new InvalidPayloadException(call + " answered without a credit_history array");
            }
            Integer pageTotal = ProviderValues.optionalInteger(data.isObject() ? data : items, "total_credit_histories");
            if (total != null && pageTotal != null && !total.equals(pageTotal)) {
                return "total_credit_histories changed from " + total + " to " + pageTotal + " while paging";
            }
            total = pageTotal;
            boolean older = false;
            int added = 0;
            for (JsonNode item : items) {
                if (isPurchase(item)) {
                    CreditPurchase purchase = purchase(item, call);
                    if (purchases.putIfAbsent(purchase.purchaseId(), purchase) == null) {
                        added++;
                    }
                    older |= purchase.createdAt().isBefore(cutoff);
                    continue;
                }
                ChargeHour hour = isTransaction(item) ? consumption(item, call, newerStart) : parse(item, call, newerStart);
                if (buckets.putIfAbsent(hour.bucketStart(), hour) == null) {
                    added++;
                }
                older |= hour.bucketStart().isBefore(cutoff);
                newerStart = hour.bucketStart();
            }
            offset += items.size();
            pages++;
            if (pages == 1 && total != null && !items.isEmpty()) {
                maxPages = InstanceLister.maxPages(total, items.size());
            }
            if (!items.isEmpty() && added == 0) {
                return "a page repeated hours already seen (offset " + (offset - items.size()) + ", " + pages + " pages read)";
            }
            if (!older && pages >= maxPages && total != null && offset < total) {
                return "still short of total_credit_histories " + total + " after " + pages + " pages";
            }
            if (older || items.isEmpty() || (total != null && offset >= total)) {
                if (total != null && !older && buckets.size() + purchases.size() != total) {
                    return (buckets.size() + purchases.size()) + " distinct items of " + total;
                }
                return null;
            }
        }
    }

    private static ChargeHour parse(JsonNode item, String call, Instant newerStart) {
        try {
            Instant end = latest(ProviderValues.possibleInstants(item, "update_time"), newerStart, false);
            Instant start = latest(ProviderValues.possibleInstants(item, "create_time"), end, true);
            return new ChargeHour(start, end, ProviderValues.money(item, "computing_amount"),
                    // absent means unknown, not 0
                    ProviderValues.optionalDecimal(item, "serverless_amount"),
                    ProviderValues.money(item, "total"), ProviderValues.optionalText(item, "user_id"));
        } catch (InvalidPayloadException e) {
            throw new InvalidPayloadException(call + ": a charge hour cannot be read: " + e.getMessage());
        }
    }

    private static boolean isTransaction(JsonNode item) {
        return item.has("transaction_type") || item.has("credit_amount");
    }

    private static boolean isPurchase(JsonNode item) {
        return isTransaction(item) && "purchase".equalsIgnoreCase(item.path("transaction_type").asString("").trim());
    }

    /** A consumption transaction: the hour from its {@code created_at}, or the period its times say. */
    private static ChargeHour consumption(JsonNode item, String call, Instant newerStart) {
        try {
            Instant start = latest(ProviderValues.possibleEasternInstants(item, "created_at"), newerStart, true);
            String endField = item.has("update_time") ? "update_time" : item.has("updated_at") ? "updated_at" : null;
            Instant end = endField == null ? start.plus(Duration.ofHours(1))
                    : latest(ProviderValues.possibleEasternInstants(item, endField), newerStart, false);
            if (!end.isAfter(start)) {
                throw new InvalidFieldException(endField, end.toString(), "not after created_at " + start);
            }
            // the sign a consumption is shown with is not documented: its size is the charge
            BigDecimal amount = creditAmount(item);
            return new ChargeHour(start, end, amount, null, amount, ProviderValues.optionalText(item, "user_id"));
        } catch (InvalidPayloadException e) {
            throw new InvalidPayloadException(call + ": a consumption transaction cannot be read: " + e.getMessage());
        }
    }

    private static CreditPurchase purchase(JsonNode item, String call) {
        try {
            BigDecimal amount = creditAmount(item);
            List<Instant> created = ProviderValues.possibleEasternInstants(item, "created_at");
            JsonNode expire = item.get("expire_time");
            Instant expireTime = ProviderValues.isAbsent(expire) ? null
                    : ProviderValues.possibleEasternInstants(item, "expire_time").get(0);
            return new CreditPurchase(ProviderValues.id(item, "id"), created.get(0), amount,
                    ProviderValues.optionalText(item, "status"), expireTime, ProviderValues.optionalText(item, "user_id"));
        } catch (InvalidPayloadException e) {
            throw new InvalidPayloadException(call + ": a purchase transaction cannot be read: " + e.getMessage());
        }
    }

    /** The size of {@code credit_amount}, whatever its sign. */
    private static BigDecimal creditAmount(JsonNode item) {
        BigDecimal amount = ProviderValues.optionalMagnitude(item, "credit_amount");
        if (amount == null) {
            throw new InvalidFieldException("credit_amount", null, "required");
        }
        return amount;
    }

    /** The latest candidate not after (or, when {@code strictly}, before) the limit; the earliest when none fits. */
    private static Instant latest(List<Instant> candidates, Instant limit, boolean strictly) {
        Instant chosen = candidates.get(0);
        for (Instant candidate : candidates) {
            if (limit == null ? candidate.equals(chosen) : strictly ? candidate.isBefore(limit) : !candidate.isAfter(limit)) {
                chosen = candidate;
            }
        }
        return chosen;
    }
}
