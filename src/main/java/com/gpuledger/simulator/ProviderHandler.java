package com.gpuledger.simulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Routes the provider API under /api/v1 (bearer token, request time, latency, faults) and the admin API under /_sim.
 * Every answer's {@code Date} header is the simulated clock as it answers, as a real server's is its own clock.
 */
final class ProviderHandler extends Handler.Abstract {

    /** RFC 9110's IMF-fixdate (RFC 1123 with a two-digit day), always GMT. */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final String API = "/api/v1";
    private static final String DETAIL = "/computing/instance/";

    private record Reply(int status, byte[] body, Integer retryAfterSeconds) {
    }

    private final ProviderSimulator simulator;
    private final SimulatorSettings settings;
    private final ProviderPayloads payloads;
    private final FaultInjector faults;
    private final RequestDurations durations;
    private final byte[] expectedAuthorization;
    private final RequestLog requests = new RequestLog();

    ProviderHandler(ProviderSimulator simulator, SimulatorSettings settings, ProviderPayloads payloads) {
        this.simulator = simulator;
        this.settings = settings;
        this.payloads = payloads;
        this.faults = new FaultInjector(settings.seed(), settings.errorRate(), settings.throttleRate(),
                settings.malformedRate());
        this.durations = new RequestDurations(settings.seed(), settings.realism().maxRequestSeconds());
        this.expectedAuthorization = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply;
        try {
            reply = route(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = failed(503, "Simulator stopping");
        } catch (IOException | RuntimeException e) {
            reply = failed(500, "Simulator error: " + e.getClass().getSimpleName());
        }
        send(response, reply, callback);
        return true;
    }

    private Reply route(Request request) throws IOException, InterruptedException {
        String path = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        Map<String, String> query = query(rawQuery);
        if (path.startsWith("/_sim/")) {
            return admin(request.getMethod(), path, query, request);
        }
        if (!path.startsWith(API + "/")) {
            return failed(404, "Not found");
        }
        requests.received(System.currentTimeMillis());
        String pathAndQuery = rawQuery == null ? path : path + "?" + rawQuery;
        long took = durations.next(pathAndQuery);
        if (took > 0) {
            simulator.advance(Duration.ofSeconds(took));
        }
        if (settings.latencyMs() > 0) {
            Thread.sleep(settings.latencyMs());
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !MessageDigest.isEqual(expectedAuthorization,
                authorization.getBytes(StandardCharsets.UTF_8))) {
            return failed(401, "Unauthorized");
        }
        if (!"GET".equals(request.getMethod())) {
            return failed(405, "Method not allowed");
        }
        String rest = path.substring(API.length());
        boolean detail = rest.startsWith(DETAIL);
        FaultInjector.Fault fault = faults.next(pathAndQuery, detail);
        switch (fault) {
            case ERROR:
                return failed(500, "Internal error");
            case THROTTLE:
                return new Reply(429, payloads.failed("Too many requests"), settings.retryAfterSeconds());
            default:
                break;
        }
        ClockView view = simulator.view();
        if (detail) {
            Reply reply = detail(view, URLDecoder.decode(rest.substring(DETAIL.length()), StandardCharsets.UTF_8));
            return fault == FaultInjector.Fault.MALFORMED && reply.status() == 200 ? truncated(reply) : reply;
        }
        return switch (rest) {
            case "/computing/instances" -> instances(view.active(), view.now(), query, "Get instances successfully");
            case "/computing/deleted-instances" ->
                    instances(view.deleted(), view.now(), query, "Get deleted instances successfully");
            case "/computing/products" ->
                    ok(payloads.success(payloads.products(view.now()), "Get products successfully", null, 0));
            case "/users/credits/history" -> creditHistory(view, query);
            default -> failed(404, "Not found");
        };
    }

    private Reply instances(Lifetime[] lives, long now, Map<String, String> query, String message) {
        int limit = number(query, "limit", settings.pageCap());
        int offset = number(query, "offset", 0);
        if (limit < 0 || offset < 0) {
            return failed(400, "Invalid limit or offset");
        }
        int size = Math.min(limit, settings.pageCap());
        return ok(payloads.success(payloads.instancePage(lives, offset, size, now), message, "total_instance",
                lives.length));
    }

    private Reply detail(ClockView view, String id) {
        long ref = simulator.ids().decode(id);
        Lifetime life = ref < 0 ? null : simulator.fleet().find(ref, view.now());
        if (life == null) {
            return failed(404, "Instance not found");
        }
        return ok(payloads.success(payloads.detail(life, view.now()), "Get instance detail successfully", null, 0));
    }

    private Reply creditHistory(ClockView view, Map<String, String> query) {
        int limit = number(query, "limit", settings.pageCap());
        int offset = number(query, "offset", 0);
        if (limit < 0 || offset < 0) {
            return failed(400, "Invalid limit or offset");
        }
        int size = Math.min(limit, settings.pageCap());
        return ok(payloads.success(payloads.creditHistory(view, offset, size), "Get credit history successfully",
                null, 0));
    }

    /** Cut before the first secret and at most at half length: a body a JSON parser must refuse. */
    private static Reply truncated(Reply reply) {
        String body = new String(reply.body(), StandardCharsets.UTF_8);
        int secret = body.indexOf("password");
        int cut = Math.min(body.length() / 2, secret < 0 ? body.length() : secret);
        return new Reply(200, body.substring(0, cut).getBytes(StandardCharsets.UTF_8), null);
    }

    private Reply admin(String method, String path, Map<String, String> query, Request request) throws IOException {
        switch (path) {
            case "/_sim/clock":
                if ("GET".equals(method)) {
                    return ok(payloads.clock(simulator.now().getEpochSecond()));
                }
                if ("PUT".equals(method)) {
                    try {
                        JsonNode json = payloads.readTree(Content.Source.asString(request).getBytes(StandardCharsets.UTF_8));
                        simulator.setNow(Instant.parse(json.path("now").asString()));
                    } catch (JacksonException | DateTimeParseException e) {
                        return failed(400, "Body must be {\"now\":\"YYYY-MM-DDTHH:mm:ssZ\"}");
                    }
                    return ok(payloads.clock(simulator.now().getEpochSecond()));
                }
                return failed(405, "Method not allowed");
            case "/_sim/advance":
                if (!"POST".equals(method)) {
                    return failed(405, "Method not allowed");
                }
                try {
                    BigDecimal seconds = new BigDecimal(query.getOrDefault("hours", ""))
                            .multiply(BigDecimal.valueOf(3_600)).setScale(0, RoundingMode.HALF_UP);
                    simulator.advance(Duration.ofSeconds(seconds.longValueExact()));
                } catch (NumberFormatException | ArithmeticException e) {
                    return failed(400, "Query must be ?hours=N");
                }
                return ok(payloads.clock(simulator.now().getEpochSecond()));
            case "/_sim/requests":
                if (!"GET".equals(method)) {
                    return failed(405, "Method not allowed");
                }
                return ok(requests.json().getBytes(StandardCharsets.UTF_8));
            default:
                return failed(404, "Not found");
        }
    }

    /**
     * How many API requests arrived, and when the first and the last did (this machine's clock, epoch milliseconds;
     * null before any): the benchmark times a command's start to its first request with it.
     */
    private static final class RequestLog {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong first = new AtomicLong();
        private final AtomicLong last = new AtomicLong();

        void received(long atMillis) {
            first.compareAndSet(0, atMillis);
            last.accumulateAndGet(atMillis, Math::max);
            count.incrementAndGet();
        }

        String json() {
            return "{\"requests\":" + count.get() + ",\"first_at_ms\":" + (first.get() == 0 ? "null" : first.get())
                    + ",\"last_at_ms\":" + (last.get() == 0 ? "null" : last.get()) + "}";
        }
    }

    private Reply ok(byte[] body) {
        return new Reply(200, body, null);
    }

    private Reply failed(int status, String message) {
        return new Reply(status, payloads.failed(message), null);
    }

    private static int number(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private void send(Response response, Reply reply, Callback callback) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.DATE, HTTP_DATE.format(simulator.now()));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (reply.retryAfterSeconds() != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(reply.retryAfterSeconds()));
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
