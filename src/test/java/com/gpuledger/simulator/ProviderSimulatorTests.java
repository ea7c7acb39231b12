package com.gpuledger.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProviderSimulatorTests {

    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final String WALL = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";

    @Test
    void listsHaveTheProviderShape() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 60, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");

            // when
            JsonNode active = api.json("/computing/instances?limit=5&offset=0");
            JsonNode deleted = api.json("/computing/deleted-instances?limit=5&offset=0");

            // then
            assertThat(active.get("status").asString()).isEqualTo("success");
            assertThat(active.get("message").asString()).isNotBlank();
            assertThat(active.get("total_instance").asLong()).isEqualTo(sim.activeCount());
            assertThat(active.get("data")).hasSize(5);
            JsonNode item = active.get("data").get(0);
            assertThat(item.propertyNames()).contains("id", "region", "product_type", "host_name", "cpu_cores", "ram",
                    "gpu_count", "disk_size", "ephemeral", "public_ipv4", "price_per_hour", "os", "status");
            assertThat(item.get("cpu_cores").isIntegralNumber()).isTrue();
            assertThat(item.get("ram").isIntegralNumber()).isTrue();
            assertThat(item.get("price_per_hour").isNumber()).isTrue();
            assertThat(item.get("status").asString()).isIn("Running", "Deploying");
            assertThat(deleted.get("total_instance").asLong()).isPositive();
            deleted.get("data").forEach(d -> assertThat(d.get("status").asString()).isEqualTo("Deleted"));
        }
    }

    @Test
    void detailsCarryTheSeedQuirks() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 200, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            List<JsonNode> items = Stream.concat(api.all("/computing/instances").stream(),
                    api.all("/computing/deleted-instances").stream()).toList();
            assertThat(items.stream().map(i -> i.get("id").asString()).distinct()).hasSameSizeAs(items);

            // when
            Map<JsonNode, JsonNode> details = new LinkedHashMap<>();
            for (JsonNode item : items) {
                JsonNode data = api.json("/computing/instance/" + item.get("id").asString()).get("data");
                assertThat(data.isArray()).isTrue();
                assertThat(data).hasSize(1);
                details.put(item, data.get(0));
            }

            // then
            details.forEach((item, detail) -> {
                assertThat(detail.get("id")).isEqualTo(item.get("id"));
                assertThat(detail.get("cpu_cores").isString()).isTrue();
                assertThat(detail.get("cpu_cores").asString()).isEqualTo(item.get("cpu_cores").asString());
                assertThat(detail.get("ram").isString()).isTrue();
                assertThat(detail.get("instance_type").asString()).isEqualTo(item.get("product_type").asString());
                assertThat(detail.get("vm_name").asString()).isEqualTo(detail.get("host_name").asString());
                assertThat(detail.get("vm_password").asString()).isNotBlank();
                assertThat(detail.get("running_time").asString()).matches("\\d+\\.\\d{4} hours");
                assertThat(detail.get("total_cost").asString()).matches("\\$(\\d{1,3}(,\\d{3})+|\\d+)\\.\\d{4}");
                assertThat(detail.get("start_time").asString()).matches("EST " + WALL + "|" + WALL + " EST");
                assertThat(detail.has("price_per_hour")).isFalse();
                assertThat(detail.get("status").asString()).isEqualTo(item.get("status").asString());
                if (detail.get("instance_type").asString().equals("CPU")) {
                    assertThat(detail.get("gpu_count").asInt()).isZero();
                    assertThat(detail.path("gpu_type").asString("")).isEmpty();
                    assertThat(item.path("gpu_type").asString("")).isEmpty();
                }
            });
            List<JsonNode> all = new ArrayList<>(details.values());
            assertThat(all).filteredOn(d -> d.get("id").isNumber()).hasSizeBetween(10, all.size() / 8);
            assertThat(all).filteredOn(d -> d.get("instance_type").asString().equals("CPU")).isNotEmpty();
            assertThat(all).filteredOn(d -> d.get("total_cost").asString().contains(",")).isNotEmpty();
            assertThat(all).filteredOn(d -> dollars(d).compareTo(BigDecimal.valueOf(1_000)) >= 0)
                    .filteredOn(d -> !d.get("total_cost").asString().contains(",")).isNotEmpty();
            assertThat(all).filteredOn(d -> d.get("start_time").asString().endsWith(" EST"))
                    .hasSizeBetween(all.size() / 10, all.size() / 3);
            assertThat(all).filteredOn(d -> d.has("started_at")).hasSizeBetween(all.size() / 10, all.size() / 3);
            assertThat(all).filteredOn(d -> d.has("password") && d.has("user_name"))
                    .hasSizeBetween(all.size() / 3, all.size() * 2 / 3);
            assertThat(all).filteredOn(d -> d.get("host_name").asString().matches("[=+\\-@].*")).isNotEmpty();
        }
    }

    @Test
    void startTimesAreEasternWallTimeWithDaylightSaving() {
        // given: instances started in January (EST, UTC-5) and in July (EDT, UTC-4)
        SimulatorSettings settings = SimulatorSettings.defaults(7, 120, Instant.parse("2025-08-01T12:00:00Z"))
                .withGenesis(Instant.parse("2025-03-01T00:00:00Z"));
        try (ProviderSimulator sim = started(settings)) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            List<JsonNode> details = Stream.concat(api.all("/computing/instances").stream(),
                    api.all("/computing/deleted-instances").stream()).map(i -> api.detail(i.get("id"))).toList();

            // when
            Map<Month, Set<Integer>> offsetsByMonth = new HashMap<>();
            for (JsonNode detail : details) {
                Instant start = SimulatorClient.eastern(detail.get("start_time").asString());
                long truth = sim.fleet().find(sim.ids().decode(detail.get("id").asString()), sim.now().getEpochSecond())
                        .start();
                assertThat(start.getEpochSecond()).as(detail.toString()).isEqualTo(truth);
                if (detail.has("started_at")) {
                    assertThat(detail.get("started_at").asLong()).isEqualTo(truth);
                    ZonedDateTime utc = start.atZone(ZoneId.of("UTC"));
                    String wall = detail.get("start_time").asString().replace("EST", "").strip();
                    int offset = Integer.parseInt(wall.substring(11, 13)) - utc.getHour();
                    offsetsByMonth.computeIfAbsent(utc.getMonth(), m -> new HashSet<>()).add(Math.floorMod(offset, 24));
                }
            }

            // then
            assertThat(offsetsByMonth.get(Month.JANUARY)).containsOnly(24 - 5);
            assertThat(offsetsByMonth.get(Month.JULY)).containsOnly(24 - 4);
        }
    }

    @Test
    void pagesAreCappedAndOffsetsCountItems() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 200, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");

            // when
            JsonNode capped = api.json("/computing/instances?limit=100&offset=0");
            JsonNode small = api.json("/computing/instances?limit=10&offset=3");
            List<JsonNode> active = api.all("/computing/instances");
            List<JsonNode> deleted = api.all("/computing/deleted-instances");

            // then
            long total = capped.get("total_instance").asLong();
            assertThat(total).isGreaterThan(100);
            assertThat(capped.get("data")).hasSize(50);
            assertThat(small.get("data")).hasSize(10);
            assertThat(small.get("data").get(0)).isEqualTo(capped.get("data").get(3));
            assertThat(ids(active)).hasSize((int) total);
            assertThat(ids(deleted)).hasSize(api.json("/computing/deleted-instances?limit=1").get("total_instance")
                    .asInt());
            assertThat(api.json("/computing/instances?limit=50&offset=" + total).get("data")).isEmpty();
            assertThat(api.get("/computing/instances?limit=-1").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void listsFollowTheClock() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 60, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            Set<String> activeBefore = ids(api.all("/computing/instances"));
            Set<String> deletedBefore = ids(api.all("/computing/deleted-instances"));

            // when
            sim.advance(Duration.ofDays(30));
            Set<String> activeAfter = ids(api.all("/computing/instances"));
            Set<String> deletedAfter = ids(api.all("/computing/deleted-instances"));

            // then
            assertThat(deletedAfter).containsAll(deletedBefore).hasSizeGreaterThan(deletedBefore.size());
            assertThat(activeAfter).isNotEqualTo(activeBefore).hasSize(sim.activeCount());
            Set<String> gone = new HashSet<>(activeBefore);
            gone.removeAll(activeAfter);
            assertThat(gone).isNotEmpty();
            assertThat(deletedAfter).containsAll(gone);
            Set<String> fresh = new HashSet<>(activeAfter);
            fresh.removeAll(activeBefore);
            assertThat(fresh).isNotEmpty().doesNotContainAnyElementsOf(deletedBefore);
        }
    }

    @Test
    void unknownAndNotYetStartedIdsAreNotFound() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 60, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            sim.advance(Duration.ofDays(20));
            Lifetime later = Stream.of(sim.view().active()).filter(l -> l.start() > NOW.getEpochSecond()).findFirst()
                    .orElseThrow();
            String laterId = sim.ids().idOf(later.slot(), later.k());
            sim.setNow(NOW);

            // when
            HttpResponse<String> unknown = api.get("/computing/instance/does-not-exist");
            HttpResponse<String> number = api.get("/computing/instance/987654321");
            HttpResponse<String> notYet = api.get("/computing/instance/" + laterId);

            // then
            for (HttpResponse<String> response : List.of(unknown, number, notYet)) {
                assertThat(response.statusCode()).isEqualTo(404);
                assertThat(SimulatorClient.JSON.readTree(response.body()))
                        .isEqualTo(failure("Instance not found"));
            }
            sim.setNow(NOW.plus(Duration.ofDays(20)));
            assertThat(api.get("/computing/instance/" + laterId).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void requestsWithoutTheTokenAreRefused() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 10, NOW).withToken("ak_secret"))) {
            String id = sim.ids().idOf(sim.view().active()[0].slot(), sim.view().active()[0].k());

            // when
            List<HttpResponse<String>> refused = List.of(
                    new SimulatorClient(sim, null).get("/computing/instances"),
                    new SimulatorClient(sim, "demo").get("/computing/instances"),
                    new SimulatorClient(sim, "demo").get("/computing/instance/" + id),
                    new SimulatorClient(sim, "ak_secretx").get("/users/credits/history"));

            // then
            refused.forEach(response -> {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(SimulatorClient.JSON.readTree(response.body()))
                        .isEqualTo(failure("Unauthorized"));
            });
            assertThat(new SimulatorClient(sim, "ak_secret").get("/computing/instance/" + id).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void runningTimeAndTotalCostFollowTheAccrualContract() {
        // given: a few instances, some whose price changed while they ran
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 60, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            long now = NOW.getEpochSecond();
            PriceBook prices = sim.prices();
            List<Lifetime> lives = Stream.concat(Stream.of(sim.view().active()), Stream.of(sim.view().deleted()))
                    .sorted(Comparator.comparingLong(l -> l.accruedUntil(now) - l.start())).toList();
            List<Lifetime> repriced = lives.stream().filter(l -> prices.unitsAt(l.pair(), l.start())
                    != prices.unitsAt(l.pair(), l.accruedUntil(now) - 1)).limit(3).toList();
            List<Lifetime> chosen = new ArrayList<>(repriced);
            chosen.addAll(lives.stream().filter(l -> l.end() > now).limit(2).toList());
            chosen.addAll(lives.stream().filter(l -> l.end() <= now).limit(2).toList());
            assertThat(repriced).hasSize(3);

            for (Lifetime life : chosen) {
                // when
                JsonNode detail = api.json("/computing/instance/" + sim.ids().idOf(life.slot(), life.k()))
                        .get("data").get(0);

                // then: per second, at the price in force that second, for all GPUs
                long until = Math.min(now, life.end());
                long seconds = until - life.start();
                long numerator = 0;
                for (long t = life.start(); t < until; t++) {
                    numerator += prices.unitsAt(life.pair(), t) * (life.gpuCount() == 0 ? 1 : life.gpuCount());
                }
                BigDecimal hours = BigDecimal.valueOf(seconds * 10_000 / 3_600, 4);
                BigDecimal cost = new BigDecimal(numerator).divide(new BigDecimal(36_000_000), 4, RoundingMode.HALF_UP);
                assertThat(detail.get("running_time").asString()).isEqualTo(hours.toPlainString() + " hours");
                assertThat(dollars(detail)).isEqualByComparingTo(cost);
            }
        }
    }

    @Test
    void creditHistorySumsToWhatTheInstancesAccrued() {
        // given: every instance's total at genesis and ten days later
        SimulatorSettings settings = SimulatorSettings.defaults(42, 30, NOW);
        try (ProviderSimulator sim = started(settings.withInitialNow(settings.genesis()))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            Map<String, BigDecimal> atGenesis = totals(api);
            assertThat(api.buckets()).isEmpty();

            // when
            sim.setNow(settings.genesis().plus(Duration.ofDays(10)));
            Map<String, BigDecimal> later = totals(api);
            List<JsonNode> buckets = api.buckets();

            // then
            BigDecimal accrued = later.entrySet().stream()
                    .map(e -> e.getValue().subtract(atGenesis.getOrDefault(e.getKey(), BigDecimal.ZERO)))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal charged = sum(buckets, "computing_amount");
            assertThat(buckets).hasSize(240);
            assertThat(accrued).isPositive();
            assertThat(charged.subtract(accrued).abs()).isLessThanOrEqualTo(new BigDecimal("0.0001").multiply(
                    BigDecimal.valueOf(buckets.size())));
            assertThat(sum(buckets, "total")).isEqualByComparingTo(charged);
            assertThat(buckets.get(0).get("create_time").asString()).isEqualTo("EST 2026-10-05 19:00:00");
            assertThat(buckets.get(0).get("update_time").asString()).isEqualTo("EST 2026-10-05 20:00:00");
            assertThat(buckets.get(239).get("create_time").asString()).isEqualTo("EST 2026-09-25 20:00:00");
            assertThat(buckets.get(0).get("user_id").asInt()).isEqualTo(266);
        }
    }

    @Test
    void accruedCostMatchesTheBucketsInsideItsWindow() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 60, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            Instant from = Instant.parse("2026-10-02T05:00:00Z");
            Instant to = from.plus(Duration.ofHours(30));
            List<JsonNode> buckets = api.buckets();

            // when
            List<JsonNode> inside = buckets.stream()
                    .filter(b -> !SimulatorClient.eastern(b.get("create_time").asString()).isBefore(from))
                    .filter(b -> !SimulatorClient.eastern(b.get("update_time").asString()).isAfter(to)).toList();

            // then
            assertThat(inside).hasSize(30);
            assertThat(sim.accruedCost(from, to).doubleValue())
                    .isCloseTo(sum(inside, "computing_amount").doubleValue(), within(0.00005 * 30));
            assertThat(buckets).hasSize(60 * 24 + 6);
            assertThat(sim.accruedCost(Instant.parse("2026-09-26T00:00:00Z"), sim.now()).doubleValue())
                    .isCloseTo(sum(buckets, "computing_amount").doubleValue(), within(0.00005 * buckets.size()));

            // and the current hour counts what accrued so far
            sim.advance(Duration.ofMinutes(30));
            JsonNode newest = api.json("/users/credits/history?limit=1&offset=0").get("data");
            assertThat(newest.get("total_credit_histories").asInt()).isEqualTo(60 * 24 + 6 + 1);
            JsonNode partial = newest.get("credit_history").get(0);
            assertThat(SimulatorClient.eastern(partial.get("create_time").asString())).isEqualTo(NOW);
            assertThat(SimulatorClient.eastern(partial.get("update_time").asString())).isEqualTo(sim.now());
            assertThat(partial.get("computing_amount").decimalValue())
                    .isEqualByComparingTo(sim.accruedCost(NOW, sim.now()).setScale(4, RoundingMode.HALF_UP));
        }
    }

    @Test
    void sameSettingsGiveIdenticalBodies() {
        // given
        SimulatorSettings settings = SimulatorSettings.defaults(42, 100, NOW);
        try (ProviderSimulator one = started(settings); ProviderSimulator two = started(settings);
                ProviderSimulator other = started(SimulatorSettings.defaults(43, 100, NOW))) {
            Lifetime life = one.view().deleted()[7];
            List<String> paths = List.of("/computing/instances?limit=50&offset=50",
                    "/computing/deleted-instances?limit=50&offset=0", "/computing/products",
                    "/users/credits/history?limit=50&offset=10",
                    "/computing/instance/" + one.ids().idOf(life.slot(), life.k()));

            // when / then
            for (String path : paths) {
                String body = new SimulatorClient(one, "demo").get(path).body();
                assertThat(new SimulatorClient(two, "demo").get(path).body()).isEqualTo(body);
            }
            assertThat(new SimulatorClient(other, "demo").get(paths.get(0)).body())
                    .isNotEqualTo(new SimulatorClient(one, "demo").get(paths.get(0)).body());
        }
    }

    @Test
    void faultsRepeatAcrossSimulatorsAndNeverHitAPathThreeTimesInARow() {
        // given
        SimulatorSettings settings = SimulatorSettings.defaults(42, 40, NOW).withErrorRate(0.3);
        try (ProviderSimulator one = started(settings); ProviderSimulator two = started(settings)) {
            List<String> paths = new ArrayList<>(List.of("/computing/instances?limit=50&offset=0",
                    "/computing/deleted-instances?limit=50&offset=50", "/computing/products",
                    "/users/credits/history?limit=50&offset=0"));
            Stream.of(one.view().active()).limit(8).forEach(l -> paths.add("/computing/instance/"
                    + one.ids().idOf(l.slot(), l.k())));

            // when
            Map<String, List<Integer>> first = statuses(one, paths, 15);
            Map<String, List<Integer>> second = statuses(two, paths, 15);

            // then
            assertThat(second).isEqualTo(first);
            List<Integer> all = first.values().stream().flatMap(List::stream).toList();
            assertThat(all).contains(200, 500);
            assertThat(all.stream().filter(s -> s == 500).count()).isBetween(all.size() / 10L, all.size() / 2L);
            first.forEach((path, codes) -> assertThat(IntStream.range(2, codes.size())
                    .filter(i -> codes.get(i) != 200 && codes.get(i - 1) != 200 && codes.get(i - 2) != 200))
                    .as(path + " " + codes).isEmpty());
            HttpResponse<String> failure = firstWithStatus(one, paths.get(0), 500);
            assertThat(SimulatorClient.JSON.readTree(failure.body())).isEqualTo(failure("Internal error"));
        }
    }

    @Test
    void throttledAndMalformedAnswersLookLikeTheRealThing() {
        // given
        SimulatorSettings settings = SimulatorSettings.defaults(42, 40, NOW);
        try (ProviderSimulator throttling = started(settings.withThrottleRate(0.5).withRetryAfterSeconds(3));
                ProviderSimulator garbling = started(settings.withMalformedRate(0.5))) {
            Lifetime life = garbling.view().active()[0];
            String detail = "/computing/instance/" + garbling.ids().idOf(life.slot(), life.k());

            // when
            HttpResponse<String> throttled = firstWithStatus(throttling, "/computing/instances?limit=5", 429);
            List<HttpResponse<String>> answers = IntStream.range(0, 30)
                    .mapToObj(i -> new SimulatorClient(garbling, "demo").get(detail)).toList();

            // then
            assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
            assertThat(SimulatorClient.JSON.readTree(throttled.body()).get("status").asString()).isEqualTo("failed");
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
            List<HttpResponse<String>> truncated = answers.stream().filter(a -> !a.body().endsWith("}")).toList();
            assertThat(truncated).isNotEmpty().allSatisfy(a -> {
                assertThat(a.body()).doesNotContain("password").startsWith("{\"data\":[{");
                assertThatThrownBy(() -> SimulatorClient.JSON.readTree(a.body())).isInstanceOf(JacksonException.class);
            });
            assertThat(answers).filteredOn(a -> a.body().contains("vm_password")).isNotEmpty();
            assertThat(new SimulatorClient(garbling, "demo").get("/computing/instances").body()).endsWith("}");
        }
    }

    @Test
    void adminClockSetsAndAdvancesTheSimulatedTime() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 10, NOW))) {
            SimulatorClient admin = new SimulatorClient(sim, null);

            // when
            HttpResponse<String> initial = admin.admin("GET", "/_sim/clock", null);
            HttpResponse<String> set = admin.admin("PUT", "/_sim/clock", "{\"now\":\"2026-12-01T00:00:00Z\"}");
            Instant afterSet = sim.now();
            HttpResponse<String> advanced = admin.admin("POST", "/_sim/advance?hours=1.5", null);

            // then
            assertThat(initial.statusCode()).isEqualTo(200);
            assertThat(initial.body()).isEqualTo("{\"now\":\"2026-11-25T06:00:00Z\"}");
            assertThat(set.statusCode()).isEqualTo(200);
            assertThat(afterSet).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
            assertThat(advanced.body()).isEqualTo("{\"now\":\"2026-12-01T01:30:00Z\"}");
            assertThat(sim.now()).isEqualTo(Instant.parse("2026-12-01T01:30:00Z"));
            assertThat(admin.admin("GET", "/_sim/clock", null).body()).isEqualTo(advanced.body());
            JsonNode newest = new SimulatorClient(sim, "demo").json("/users/credits/history?limit=1").get("data")
                    .get("credit_history").get(0);
            assertThat(newest.get("update_time").asString()).isEqualTo("EST 2026-11-30 20:30:00");
            assertThat(admin.admin("PUT", "/_sim/clock", "{\"now\":\"tomorrow\"}").statusCode()).isEqualTo(400);
            assertThat(admin.admin("POST", "/_sim/advance?hours=x", null).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void adminRequestsCountsTheApiRequestsAndWhenTheFirstAndLastArrived() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 10, NOW))) {
            SimulatorClient admin = new SimulatorClient(sim, null);
            SimulatorClient api = new SimulatorClient(sim, "demo");
            String before = admin.admin("GET", "/_sim/requests", null).body();
            long start = System.currentTimeMillis();

            // when: two API requests (one refused: it arrived all the same), and admin calls that are not counted
            api.get("/computing/instances");
            new SimulatorClient(sim, "wrong").get("/computing/instances");
            admin.admin("GET", "/_sim/clock", null);
            JsonNode after = JsonMapper.builder().build().readTree(admin.admin("GET", "/_sim/requests", null).body());

            // then
            assertThat(before).isEqualTo("{\"requests\":0,\"first_at_ms\":null,\"last_at_ms\":null}");
            assertThat(after.get("requests").asLong()).isEqualTo(2);
            assertThat(after.get("first_at_ms").asLong()).isBetween(start, System.currentTimeMillis());
            assertThat(after.get("last_at_ms").asLong()).isBetween(after.get("first_at_ms").asLong(), System.currentTimeMillis());
            assertThat(admin.admin("POST", "/_sim/requests", null).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void statusMovesFromDeployingToRunningToDeleted() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 10, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            Lifetime life = sim.view().deleted()[sim.view().deleted().length - 1];
            String path = "/computing/instance/" + sim.ids().idOf(life.slot(), life.k());

            // when / then
            sim.setNow(Instant.ofEpochSecond(life.start() + 300));
            JsonNode deploying = api.json(path).get("data").get(0);
            assertThat(deploying.get("status").asString()).isEqualTo("Deploying");
            assertThat(deploying.get("running_time").asString()).isEqualTo("0.0833 hours");
            assertThat(api.all("/computing/instances")).filteredOn(i -> i.get("status").asString().equals("Deploying"))
                    .isNotEmpty();
            sim.setNow(Instant.ofEpochSecond(life.start() + 601));
            assertThat(api.json(path).get("data").get(0).get("status").asString()).isEqualTo("Running");
            sim.setNow(Instant.ofEpochSecond(life.end()));
            JsonNode deleted = api.json(path).get("data").get(0);
            assertThat(deleted.get("status").asString()).isEqualTo("Deleted");
            sim.advance(Duration.ofDays(10));
            assertThat(api.json(path).get("data").get(0)).isEqualTo(deleted);
        }
    }

    @Test
    void productsListEveryRegionModelAndCount() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 10, NOW))) {

            // when
            JsonNode data = new SimulatorClient(sim, "demo").json("/computing/products").get("data");

            // then
            assertThat(data.propertyNames()).hasSizeGreaterThanOrEqualTo(4).contains("CANADA", "US-EAST");
            List<JsonNode> products = new ArrayList<>();
            data.forEach(region -> region.forEach(family -> family.forEach(products::add)));
            assertThat(products.stream().map(p -> p.get("gpu").asString()).filter(g -> !g.isEmpty()).distinct())
                    .hasSizeGreaterThanOrEqualTo(6);
            JsonNode h100 = data.get("CANADA").get("H100");
            assertThat(h100).anySatisfy(p -> {
                assertThat(p.get("gpu").asString()).isEqualTo("H100-80G-PCIe");
                assertThat(p.get("gpu_type").asString()).isEqualTo("H100");
            });
            assertThat(products).allSatisfy(p -> {
                assertThat(p.get("id").asString()).startsWith("fcp");
                assertThat(p.get("price_per_hour").isNumber()).isTrue();
                assertThat(p.get("cycle").asString()).isEqualTo("hourly");
            });
            Map<Integer, BigDecimal> a6000 = new HashMap<>();
            data.get("CANADA").get("A6000").forEach(p -> {
                if (p.get("gpu").asString().equals("RTX-A6000")) {
                    a6000.put(p.get("gpu_count").asInt(), p.get("price_per_hour").decimalValue());
                }
            });
            assertThat(a6000).containsOnlyKeys(1, 2, 4, 8);
            assertThat(a6000.get(8)).isEqualByComparingTo(a6000.get(1).multiply(BigDecimal.valueOf(8)));
            assertThat(data.get("FINLAND").get("CPU")).allSatisfy(p -> {
                assertThat(p.get("gpu_count").asInt()).isZero();
                assertThat(p.get("price_per_hour").decimalValue())
                        .isBetween(new BigDecimal("0.04"), new BigDecimal("0.45"));
            });
        }
    }

    @Test
    void latencyDoesNotSerialiseConcurrentRequests() {
        // given
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 10, NOW).withLatencyMs(200))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/computing/products"))
                    .header("Authorization", "Bearer demo").build();

            // when
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 40)
                    .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            // then: 40 x 200 ms one after another would take 8 s
            assertThat(statuses).containsOnly(200);
            assertThat(elapsed).isBetween(Duration.ofMillis(200), Duration.ofSeconds(3));
        }
    }

    private static ProviderSimulator started(SimulatorSettings settings) {
        ProviderSimulator sim = new ProviderSimulator(settings);
        sim.start(0);
        return sim;
    }

    private static JsonNode failure(String message) {
        return SimulatorClient.JSON.createObjectNode().put("status", "failed").put("message", message);
    }

    private static Set<String> ids(List<JsonNode> items) {
        return items.stream().map(i -> i.get("id").asString()).collect(Collectors.toSet());
    }

    private static BigDecimal dollars(JsonNode detail) {
        return SimulatorClient.dollars(detail.get("total_cost").asString());
    }

    private static BigDecimal sum(List<JsonNode> buckets, String field) {
        return buckets.stream().map(b -> b.get(field).decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<String, BigDecimal> totals(SimulatorClient api) {
        Map<String, BigDecimal> totals = new HashMap<>();
        Stream.concat(api.all("/computing/instances").stream(), api.all("/computing/deleted-instances").stream())
                .forEach(i -> totals.put(i.get("id").asString(), dollars(api.detail(i.get("id")))));
        return totals;
    }

    private static Map<String, List<Integer>> statuses(ProviderSimulator sim, List<String> paths, int rounds) {
        SimulatorClient api = new SimulatorClient(sim, "demo");
        Map<String, List<Integer>> statuses = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String path : paths) {
                statuses.computeIfAbsent(path, p -> new ArrayList<>()).add(api.get(path).statusCode());
            }
        }
        return statuses;
    }

    private static HttpResponse<String> firstWithStatus(ProviderSimulator sim, String path, int status) {
        SimulatorClient api = new SimulatorClient(sim, "demo");
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = api.get(path);
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new AssertionError("no " + status + " for " + path + " in 30 attempts");
    }
}
