package com.gpuledger.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Test
    void threeTimesMoreCallersThanLanesNeverHaveMoreThanTheLanesInFlight() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            mostAtOnce.accumulateAndGet(answering.incrementAndGet(), Math::max);
            try {
                Thread.sleep(40);
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
        int lanes = 3;
        RequestDeadline deadline = new RequestDeadline(Duration.ofSeconds(10));
        RestClient rest = RestClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .requestFactory(deadline.requestFactory(Duration.ofSeconds(5), Duration.ofSeconds(10))).build();
        ProviderClient client = new ProviderClient(rest, deadline, 1 << 20, 1, Duration.ofMillis(10), 0, lanes,
                Duration.ofSeconds(1), new ProviderClock(Clock.systemUTC()));

        var callers = Executors.newFixedThreadPool(lanes * 3);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < lanes * 12; i++) {
            calls.add(callers.submit(() -> client.get("GET /page", "/page")));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        callers.shutdown();

        assertThat(mostAtOnce.get()).isEqualTo(lanes);
    }
}
