package com.gpuledger.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.client.RestClient;

import com.sun.net.httpserver.HttpServer;

/** The wait a {@code Retry-After} asks for, counted on a fixed provider clock years away from the machine's. */
class RetryAfterTests {

    /** A Thursday in 2031: a wait computed from the machine's clock instead would be years long or zero. */
    private static final Instant NOW = Instant.parse("2031-03-13T10:15:30Z");

    @ParameterizedTest(name = "Retry-After ''{0}'' waits {1} s")
    @CsvSource(value = {"1, 1", "120, 120", "' 7 ', 7", "'', 0", "soon, 0", "-5, 0", "NULL, 0"}, nullValues = "NULL")
    void delaySeconds(String header, long seconds) {
        assertThat(ProviderClient.parseRetryAfter(header, NOW)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "Retry-After ''{0}'' waits {1} s")
    @CsvSource({
            "'Thu, 13 Mar 2031 10:16:30 GMT', 60",
            "'Thu, 13 Mar 2031 10:15:31 GMT', 1",
            "'Thu, 13 Mar 2031 11:15:30 GMT', 3600",
            "'Thu, 13 Mar 2031 10:15:30 GMT', 0",
            "'Thu, 13 Mar 2031 10:14:30 GMT', 0",
            "'Mon, 1 Jan 2001 00:00:00 GMT', 0",
            "'Thu, 13 Mar 2031 10:16:30 XYZ', 0"})
    void anHttpDateWaitsUntilThenOnTheGivenClock(String header, long seconds) {
        assertThat(ProviderClient.parseRetryAfter(header, NOW)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void theProviderClockCountsFromTheSkewItMeasured() {
        ProviderClock clock = new ProviderClock(Clock.fixed(NOW, ZoneOffset.UTC));
        clock.observed(NOW.plusSeconds(30));

        assertThat(ProviderClient.parseRetryAfter("Thu, 13 Mar 2031 10:16:30 GMT", clock.instant()))
                .isEqualTo(Duration.ofSeconds(30));
    }

    /**
     * The client waits as long as its provider clock says: one second, where the machine's clock (years before 2031)
     * would wait the whole maximum of a minute.
     */
    @Test
    void theClientCountsAThrottledWaitOnItsProviderClock() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", exchange -> {
            boolean first = requests.incrementAndGet() == 1;
            byte[] body = (first ? "{}" : "{\"status\":\"success\",\"data\":[]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (first) {
                exchange.getResponseHeaders().set("Retry-After", "Thu, 13 Mar 2031 10:15:31 GMT");
            }
            exchange.sendResponseHeaders(first ? 429 : 200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            RequestDeadline deadline = new RequestDeadline(Duration.ofSeconds(10));
            RestClient rest = RestClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .requestFactory(deadline.requestFactory(Duration.ofSeconds(5), Duration.ofSeconds(10))).build();
            ProviderClient client = new ProviderClient(rest, deadline, 1 << 20, 2, Duration.ofMillis(1), 0, 1,
                    Duration.ofMinutes(1), new ProviderClock(Clock.fixed(NOW, ZoneOffset.UTC)));

            long start = System.nanoTime();
            client.get("GET /page", "/page");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(requests).hasValue(2);
            assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
        } finally {
            server.stop(0);
        }
    }
}
