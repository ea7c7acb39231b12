package com.gpuledger.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import com.gpuledger.provider.InstanceDetail;
import com.gpuledger.provider.ProviderClient;

/**
 * Overlaps discovery and fetch: while the lists are still being paged, the details of the instances already listed are
 * requested, so the fetch workers find the first of them waiting instead of starting after the last page.
 * <p>
 * It only warms. The work list stays the one authority on what must be captured (the fetch step completes only when
 * nothing in it is pending), and a target whose detail was not prefetched (never asked, still queued when the listing
 * ended, beyond the cap) is fetched by its worker as before. A prefetched detail is the same call through the same
 * client, retries included, and its failure is the worker's failure, so an outcome never depends on who sent the
 * request. The client keeps at most {@code LEDGER_FETCH_CONCURRENCY} requests in flight in all, pages and details,
 * prefetched or not. At most {@link #CAP_PER_LANE} details per lane wait in memory; each is taken once, and whatever
 * is left when the fetch step ends (or discovery fails) is dropped.
 * <p>
 * One request at a time ({@code LEDGER_FETCH_CONCURRENCY=1}) has nothing to overlap and keeps its order: no prefetch.
 */
class DetailPrefetch implements StepExecutionListener {

    static final int CAP_PER_LANE = 128;

    private final ProviderClient client;
    private final Clock clock;
    private final int lanes;
    private volatile Session session;

    DetailPrefetch(ProviderClient client, Clock clock, int lanes) {
        this.client = client;
        this.clock = clock;
        this.lanes = lanes;
    }

    /** A detail as the prefetch received it, and when. */
    record Fetched(InstanceDetail detail, Instant at) {
    }

    /** Starts prefetching for a run's discovery; a session left by an earlier run is dropped. */
    void begin(long runId) {
        end();
        if (lanes > 1) {
            session = new Session(runId, lanes * CAP_PER_LANE, Executors.newFixedThreadPool(lanes, daemon()));
        }
    }

    /** Asks for the details of instances just listed, as far as the cap allows. */
    void offer(Collection<String> ids) {
        Session current = session;
        if (current != null) {
            ids.forEach(current::offer);
        }
    }

    /** The listing is over: no new request is started; those in flight finish and wait to be taken. */
    void listingEnded() {
        Session current = session;
        if (current != null) {
            current.stopAsking();
        }
    }

    /**
     * The prefetched detail of an instance of this run, waiting for it if its request is in flight; null when it was
     * not prefetched and the caller must fetch it. A failed prefetch throws what the client threw.
     */
    Fetched take(long runId, String id) {
        Session current = session;
        return current == null || current.runId != runId ? null : current.take(id);
    }

    /** Drops whatever is left. */
    void end() {
        Session current = session;
        session = null;
        if (current != null) {
            current.stopAsking();
            current.entries.clear();
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        end();
        return null;
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "prefetch");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One entry per instance asked for: whoever claims it first sends the request, the prefetch or the worker. */
    private static final class Entry {
        final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<Fetched> result = new CompletableFuture<>();
    }

    private final class Session {
        final long runId;
        final int cap;
        final ExecutorService pool;
        final Map<String, Entry> entries = new ConcurrentHashMap<>();
        volatile boolean asking = true;

        Session(long runId, int cap, ExecutorService pool) {
            this.runId = runId;
            this.cap = cap;
            this.pool = pool;
        }

        void offer(String id) {
            if (!asking || entries.size() >= cap) {
                return;
            }
            Entry entry = new Entry();
            if (entries.putIfAbsent(id, entry) == null) {
                try {
                    pool.execute(() -> fetch(id, entry));
                } catch (RejectedExecutionException stopped) {
                    // the listing ended meanwhile: the entry stays unclaimed and its worker fetches it
                }
            }
        }

        private void fetch(String id, Entry entry) {
            if (!asking || !entry.claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                InstanceDetail detail = client.fetchInstance(id);
                entry.result.complete(new Fetched(detail, clock.instant()));
            } catch (Throwable e) {
                entry.result.completeExceptionally(e);
            }
        }

        void stopAsking() {
            asking = false;
            pool.shutdown();
        }

        Fetched take(String id) {
            Entry entry = entries.remove(id);
            if (entry == null || entry.claimed.compareAndSet(false, true)) {
                return null;
            }
            try {
                return entry.result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
