package com.gpuledger.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Routes the provider API under /api/v1 (bearer token, latency, faults) and the admin API under /_sim. */
final class ProviderHandler implements HttpHandler {

    private static final String API = "/api/v1";
    private static final String DETAIL = "/computing/instance/";

    private record Reply(int status, byte[] body, Integer retryAfterSeconds) {
    }

    private final ProviderSimulator simulator;
    private final SimulatorSettings settings;
    private final ProviderPayloads payloads;
    private final FaultInjector faults;
    private final byte[] expectedAuthorization;

    ProviderHandler(ProviderSimulator simulator, SimulatorSettings settings, ProviderPayloads payloads) {
        this.simulator = simulator;
        this.settings = settings;
        this.payloads = payloads;
        this.faults = new FaultInjector(settings.seed(), settings.errorRate(), settings.throttleRate(),
                settings.malformedRate());
        this.expectedAuthorization = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = failed(503, "Simulator stopping");
            } catch (RuntimeException e) {
                reply = failed(500, "Simulator error: " + e.getClass().getSimpleName());
            }
            send(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private Reply route(HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.startsWith("/_sim/")) {
            return admin(exchange.getRequestMethod(), path, query, exchange.getRequestBody());
        }
        if (!path.startsWith(API + "/")) {
            return failed(404, "Not found");
        }
        if (settings.latencyMs() > 0) {
            Thread.sleep(settings.latencyMs());
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !MessageDigest.isEqual(expectedAuthorization,
                authorization.getBytes(StandardCharsets.UTF_8))) {
            return failed(401, "Unauthorized");
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return failed(405, "Method not allowed");
        }
        String rest = path.substring(API.length());
        String rawQuery = exchange.getRequestURI().getRawQuery();
        boolean detail = rest.startsWith(DETAIL);
        FaultInjector.Fault fault = faults.next(rawQuery == null ? path : path + "?" + rawQuery, detail);
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

    private Reply admin(String method, String path, Map<String, String> query, InputStream body) throws IOException {
        switch (path) {
            case "/_sim/clock":
                if ("GET".equals(method)) {
                    return ok(payloads.clock(simulator.now().getEpochSecond()));
                }
                if ("PUT".equals(method)) {
                    try {
                        JsonNode json = payloads.readTree(body.readAllBytes());
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
            default:
                return failed(404, "Not found");
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

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (reply.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(reply.retryAfterSeconds()));
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }
}
