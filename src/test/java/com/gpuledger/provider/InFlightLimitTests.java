package com.gpuledger.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import com.sun.net.httpserver.HttpServer;

/**
 * LEDGER_FETCH_CONCURRENCY bounds the requests in flight at once whichever threads send them (the listing's pages, the
 * discovery's prefetch and the fetch workers share one client): a server counts the requests it is answering.
 */
class InFlightLimitTests {

    private final AtomicInteger answering = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /**
     * The server holds every request until the lanes are all taken, then waits for one more: with the limit one
     * higher that one arrives at once; with the limit kept it never does, and the held requests are let go.
     */
    @Test
    void threeTimesMoreCallersThanLanesNeverHaveMoreThanTheLanesInFlight() throws Exception {
        int lanes = 3;
        CountDownLatch lanesTaken = new CountDownLatch(lanes);
        CountDownLatch oneMore = new CountDownLatch(lanes + 1);
        CountDownLatch release = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            mostAtOnce.accumulateAndGet(answering.incrementAndGet(), Math::max);
            lanesTaken.countDown();
            oneMore.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // counted out before the answer leaves, so the caller's next request cannot overlap this one in the count
            answering.decrementAndGet();
            byte[] body = "{\"status\":\"success\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        server.start();
        RequestDeadline deadline = new RequestDeadline(Duration.ofSeconds(60));
        RestClient rest = RestClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .requestFactory(deadline.requestFactory(Duration.ofSeconds(5), Duration.ofSeconds(60))).build();
        ProviderClient client = new ProviderClient(rest, deadline, 1 << 20, 1, Duration.ofMillis(10), 0, lanes,
                Duration.ofSeconds(1), new ProviderClock(Clock.systemUTC()));

        var callers = Executors.newFixedThreadPool(lanes * 3);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < lanes * 12; i++) {
            calls.add(callers.submit(() -> client.get("GET /page", "/page")));
        }
        boolean allLanesTaken = lanesTaken.await(30, TimeUnit.SECONDS);
        boolean anotherArrived = oneMore.await(1, TimeUnit.SECONDS);
        release.countDown();
        for (Future<?> call : calls) {
            call.get();
        }
        callers.shutdown();

        assertThat(allLanesTaken).as("all %d lanes in flight at once", lanes).isTrue();
        assertThat(anotherArrived).as("a request beyond the %d lanes arrived while they were held", lanes).isFalse();
        assertThat(mostAtOnce.get()).isEqualTo(lanes);
    }
}
