package com.gpuledger.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for the simulator, parsing as a consumer of the real API would. */
final class SimulatorClient {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String baseUrl;
    private final String token;

    SimulatorClient(ProviderSimulator simulator, String token) {
        this.baseUrl = simulator.baseUrl();
        this.token = token;
    }

    HttpResponse<String> get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Every list item, walking offsets by the page size actually returned. */
    List<JsonNode> all(String listPath) {
        List<JsonNode> items = new ArrayList<>();
        long total;
        do {
            JsonNode page = json(listPath + "?limit=100&offset=" + items.size());
            total = page.get("total_instance").asLong();
            if (page.get("data").isEmpty() && items.size() < total) {
                throw new AssertionError("empty page at offset " + items.size() + " of " + total);
            }
            page.get("data").forEach(items::add);
        } while (items.size() < total);
        return items;
    }

    /** Every charge bucket, newest first. */
    List<JsonNode> buckets() {
        List<JsonNode> buckets = new ArrayList<>();
        long total;
        do {
            JsonNode data = json("/users/credits/history?limit=100&offset=" + buckets.size()).get("data");
            total = data.get("total_credit_histories").asLong();
            data.get("credit_history").forEach(buckets::add);
        } while (buckets.size() < total);
        return buckets;
    }

    JsonNode detail(JsonNode id) {
        return json("/computing/instance/" + id.asString()).get("data").get(0);
    }

    HttpResponse<String> admin(String method, String path, String body) {
        URI uri = URI.create(baseUrl.replace("/api/v1", "") + path);
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(uri).method(method, publisher).build());
    }

    /** "EST 2024-11-04 10:11:50" or "2025-07-04 05:13:11 EST", read as America/New_York wall time. */
    static Instant eastern(String text) {
        String wall = text.startsWith("EST ") ? text.substring(4) : text.substring(0, text.length() - 4);
        return LocalDateTime.parse(wall, WALL).atZone(ZoneId.of("America/New_York")).toInstant();
    }

    /** "$1,234.5678" as 1234.5678. */
    static BigDecimal dollars(String text) {
        return new BigDecimal(text.substring(1).replace(",", ""));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
