package com.gpuledger.provider;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Collects a whole paged list. A server may return fewer items than asked for, so each page advances the offset by
 * what it really returned. A pass is consistent when it collected exactly {@code total_instance} distinct ids; the
 * account may change while we page, so up to {@value #MAX_PASSES} passes are made before giving up loudly.
 */
public class InstanceLister {

    public static final String ACTIVE = "/computing/instances";
    public static final String DELETED = "/computing/deleted-instances";

    static final int MAX_PASSES = 3;
    private static final Logger log = LoggerFactory.getLogger(InstanceLister.class);

    private final ProviderClient client;
    private final int pageSize;

    InstanceLister(ProviderClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /** Every instance of the list, in the provider's order; throws {@link InstanceListException} if no pass is consistent. */
    public Map<String, ListedInstance> listAll(String path) {
        List<String> passes = new ArrayList<>();
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            Pass result = onePass(path);
            String summary = "pass " + pass + ": total_instance " + result.total + ", " + result.items.size()
                    + " distinct ids in " + result.rows + " rows over " + result.pages + " pages"
                    + (result.problem == null ? "" : " (" + result.problem + ")");
            passes.add(summary);
            if (result.problem == null && result.items.size() == result.total) {
                log.info("{}: {} instances ({})", path, result.total, summary);
                return result.items;
            }
            log.warn("{} is inconsistent, {}", path, summary);
        }
        throw new InstanceListException("the list " + path + " stayed inconsistent after " + MAX_PASSES + " passes: "
                + String.join("; ", passes), null);
    }

    private Pass onePass(String path) {
        Pass pass = new Pass();
        int offset = 0;
        while (true) {
            String call = "GET " + path + "?limit=" + pageSize + "&offset=" + offset;
            JsonNode page;
            try {
                page = client.get(call, path + "?limit={limit}&offset={offset}", pageSize, offset);
            } catch (ProviderCallException e) {
                throw new InstanceListException("cannot read the list " + path + ": " + e.getMessage(), e);
            }
            Integer total = total(page, call);
            if (pass.total >= 0 && total != pass.total) {
                pass.problem = "total_instance changed from " + pass.total + " to " + total + " while paging";
            }
            pass.total = total;
            JsonNode data = page.get("data");
            if (data == null || !data.isArray()) {
                throw new InstanceListException(call + " answered without a data array", null);
            }
            pass.pages++;
            pass.rows += data.size();
            int added = 0;
            for (JsonNode item : data) {
                ListedInstance listed = listed(item, call);
                if (pass.items.putIfAbsent(listed.id(), listed) == null) {
                    added++;
                }
            }
            offset += data.size();
            if (data.isEmpty() || offset >= total) {
                return pass;
            }
            if (added == 0) {
                pass.problem = "a page repeated ids already seen (offset " + (offset - data.size()) + ")";
                return pass;
            }
        }
    }

    private static Integer total(JsonNode page, String call) {
        try {
            Integer total = ProviderValues.optionalInteger(page, "total_instance");
            if (total == null) {
                throw new InstanceListException(call + " answered without total_instance", null);
            }
            return total;
        } catch (InvalidPayloadException e) {
            throw new InstanceListException(call + ": " + e.getMessage(), e);
        }
    }

    private static ListedInstance listed(JsonNode item, String call) {
        String id;
        try {
            id = ProviderValues.id(item, "id");
        } catch (InvalidPayloadException e) {
            throw new InstanceListException(call + " lists an item without a usable id: " + e.getMessage(), e);
        }
        BigDecimal price = null;
        try {
            price = ProviderValues.optionalDecimal(item, "price_per_hour");
        } catch (InvalidPayloadException e) {
            // an unreadable list price is stored as unknown, never guessed
            log.warn("instance {}: list price ignored, {}", id, e.getMessage());
        }
        return new ListedInstance(id, price, ProviderValues.optionalText(item, "status"));
    }

    private static final class Pass {
        final Map<String, ListedInstance> items = new LinkedHashMap<>();
        int total = -1;
        int rows;
        int pages;
        String problem;
    }
}
