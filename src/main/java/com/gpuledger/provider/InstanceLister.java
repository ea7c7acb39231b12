package com.gpuledger.provider;

import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Collects a whole paged list. A server may return fewer items than asked for, so each page advances the offset by
 * what it really returned. A pass is consistent when it collected exactly {@code total_instance} distinct ids; the
 * account may change while we page, so up to {@value #MAX_PASSES} passes are made before giving up loudly.
 * <p>
 * The first pass reads the first page, then the other pages concurrently at offsets spaced by the length the server
 * really returned (a list of 20,000 in pages of 50 is 400 round trips); if that pass does not add up, the next passes
 * walk the pages one after another, each advancing by what the previous one returned.
 * <p>
 * Paging is bounded by what the pages really return, never by what {@code total_instance} claims: a pass stops at a page
 * that adds no new id (a repeat, or an empty page), and after {@code total / length of the first page + 1} pages. No
 * more than {@code concurrency} pages are asked for ahead of the ones read, and nothing is allocated by the total, so a
 * total of 2^31-1 over a repeating page costs a few requests and fails the listing naming the counts.
 */
public class InstanceLister {

    public static final String ACTIVE = "/computing/instances";
    public static final String DELETED = "/computing/deleted-instances";

    static final int MAX_PASSES = 3;
    private static final Logger log = LoggerFactory.getLogger(InstanceLister.class);

    private final ProviderClient client;
    private final String apiUrl;
    private final int pageSize;
    private final int concurrency;

    InstanceLister(ProviderClient client, int pageSize, int concurrency, String apiUrl) {
        this.client = client;
        this.apiUrl = apiUrl;
        this.pageSize = pageSize;
        this.concurrency = concurrency;
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Every instance of the list, in the provider's order; throws {@link InstanceListException} if no pass is consistent. */
    public Map<String, ListedInstance> listAll(String path) {
        return listAll(path, listed -> { });
    }

    /**
     * As {@link #listAll(String)}, handing each page's newly seen instances to {@code onPage} as soon as the page is read,
     * before the list is known to be whole: the fetch starts on them while the rest is paged.
     * A pass that turns out inconsistent is followed by another, whose pages are handed over again.
     */
    public Map<String, ListedInstance> listAll(String path, Consumer<List<ListedInstance>> onPage) {
        List<String> passes = new ArrayList<>();
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            Pass result = pass == 1 ? concurrentPass(path, onPage) : onePass(path, onPage);
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

    private Pass onePass(String path, Consumer<List<ListedInstance>> onPage) {
        Pass pass = new Pass(onPage);
        long offset = 0;
        long maxPages = Long.MAX_VALUE;
        while (true) {
            Page page = page(path, (int) offset);
            int added = pass.add(page);
            offset += page.items().size();
            if (pass.pages == 1 && !page.items().isEmpty()) {
                maxPages = maxPages(page.total(), page.items().size());
            }
            if (page.items().isEmpty() || offset >= page.total()) {
                return pass;
            }
            if (added == 0) {
                pass.problem = "a page repeated ids already seen (offset " + page.offset() + ")";
                return pass;
            }
            if (pass.pages >= maxPages) {
                pass.problem = "still short of total_instance after " + pass.pages + " pages";
                return pass;
            }
        }
    }

    private Pass concurrentPass(String path, Consumer<List<ListedInstance>> onPage) {
        Pass pass = new Pass(onPage);
        Page first = page(path, 0);
        pass.add(first);
        int length = first.items().size();
        if (length == 0 || length >= first.total()) {
            return pass;
        }
        long maxPages = maxPages(first.total(), length);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            // a window of pages in flight, read in offset order: the pass stops asking as soon as one page says stop
            Deque<Future<Page>> inFlight = new ArrayDeque<>();
            long next = length;
            boolean stop = false;
            while (true) {
                while (!stop && inFlight.size() < concurrency && next < first.total()
                        && pass.pages + inFlight.size() < maxPages) {
                    int at = (int) next;
                    inFlight.add(pool.submit(() -> page(path, at)));
                    next += length;
                }
                Future<Page> future = inFlight.poll();
                if (future == null) {
                    return pass;
                }
                Page page = future.get();
                if (stop) {
                    continue;
                }
                int added = pass.add(page);
                if (page.items().isEmpty()) {
                    stop = true;
                } else if (added == 0) {
                    pass.problem = "a page repeated ids already seen (offset " + page.offset() + ")";
                    stop = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new InstanceListException("cannot read the list " + path + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceListException("interrupted while reading the list " + path, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The pages a pass may read: what the total needs at the length the first page really had, and one more. The
     * charge history's paging is bounded the same way.
     */
    static long maxPages(int total, int length) {
        return (total + (long) length - 1) / length + 1;
    }

    /**
     * Reads the list's first item alone: the cheapest answer that carries the provider's {@code Date} header, which
     * the {@link ProviderClock} records. Fails as the list would ({@link InstanceListException}, {@link TokenRefusedException}).
     */
    public void readFirstItem(String path) {
        page(path, 0, 1);
    }

    private Page page(String path, int offset) {
        return page(path, offset, pageSize);
    }

    private Page page(String path, int offset, int limit) {
        String call = "GET " + path + "?limit=" + limit + "&offset=" + offset;
        JsonNode page;
        try {
            page = client.get(call, path + "?limit={limit}&offset={offset}", limit, offset);
        } catch (ProviderNotFoundException e) {
            // the list always exists: a 404 is a base URL without the API's path, not a vanished list
            throw new InstanceListException("the provider has no instance list at " + apiUrl + path
                    + " (HTTP 404): LEDGER_API_URL=" + apiUrl + " must be the API's base, which ends in /api/v1"
                    + " (https://api.nebulablock.com/api/v1)", e);
        } catch (ProviderCallException e) {
            if (refused(e)) {
                URI api = URI.create(apiUrl);
                int port = api.getPort() >= 0 ? api.getPort() : "https".equalsIgnoreCase(api.getScheme()) ? 443 : 80;
                throw new InstanceListException("nothing answers at " + api.getHost() + ":" + port + " (connection refused, "
                        + e.attempts() + " attempts): check LEDGER_API_URL=" + apiUrl + " (host and port)", e);
            }
            throw new InstanceListException("cannot read the list " + path + ": " + e.getMessage(), e);
        }
        int total = total(page, call);
        JsonNode data = page.get("data");
        if (data == null || !data.isArray()) {
            throw new InstanceListException(call + " answered without a data array", null);
        }
        List<ListedInstance> items = new ArrayList<>(data.size());
        for (JsonNode item : data) {
            items.add(listed(item, call));
        }
        return new Page(offset, total, items);
    }

    private static int total(JsonNode page, String call) {
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
        try {
            return new ListedInstance(id, ProviderValues.optionalDecimal(item, "price_per_hour"), null);
        } catch (InvalidFieldException e) {
            // an unreadable list price is unknown, never guessed: a note, and the instance's FIELD_UNREADABLE finding
            log.warn("instance {}: list price ignored, {}", id, e.getMessage());
            return new ListedInstance(id, null, FieldNote.unreadable(ListedInstance.LIST_PRICE, e.shownValue(), e.problem()));
        }
    }

    private record Page(int offset, int total, List<ListedInstance> items) {
    }

    private static final class Pass {
        final Map<String, ListedInstance> items = new LinkedHashMap<>();
        final Consumer<List<ListedInstance>> onPage;
        int total = -1;
        int rows;
        int pages;
        String problem;

        Pass(Consumer<List<ListedInstance>> onPage) {
            this.onPage = onPage;
        }

        /** @return how many ids the page added */
        int add(Page page) {
            if (total >= 0 && page.total() != total) {
                problem = "total_instance changed from " + total + " to " + page.total() + " while paging";
            }
            total = page.total();
            pages++;
            rows += page.items().size();
            List<ListedInstance> added = new ArrayList<>(page.items().size());
            for (ListedInstance listed : page.items()) {
                if (items.putIfAbsent(listed.id(), listed) == null) {
                    added.add(listed);
                }
            }
            if (!added.isEmpty()) {
                onPage.accept(added);
            }
            return added.size();
        }
    }
}
