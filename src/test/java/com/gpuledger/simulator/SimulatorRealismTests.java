package com.gpuledger.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.gpuledger.simulator.SimulatorSettings.Realism;

import tools.jackson.databind.JsonNode;

/** The options that make the simulated world move like the real one, each on its own, on the served JSON and headers. */
class SimulatorRealismTests {

    /** A Wednesday, on a whole hour. */
    private static final Instant NOW = Instant.parse("2026-11-25T07:00:00Z");
    private static final long HOUR = 3_600;

    @Test
    void everyAnswerIsDatedWithTheSimulatedClockNotTheMachines() {
        // given: a clock that stands still, days away from the machine's
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 10, NOW))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");

            // when / then: successes and failures alike, as RFC 9110's IMF-fixdate
            assertThat(api.get("/computing/products").headers().allValues("date"))
                    .containsExactly("Wed, 25 Nov 2026 07:00:00 GMT");
            assertThat(new SimulatorClient(sim, "wrong").get("/computing/products").headers().allValues("date"))
                    .containsExactly("Wed, 25 Nov 2026 07:00:00 GMT");
            sim.setNow(Instant.parse("2026-12-03T08:04:05Z"));
            assertThat(api.get("/computing/instance/nope").headers().allValues("date"))
                    .containsExactly("Thu, 03 Dec 2026 08:04:05 GMT");
        }
    }

    @Test
    void requestsTakeSimulatedTimeAndAnswerWhatHoldsWhenTheyAnswer() {
        // given: the same fleet twice, one whose clock moves with every request, one that stands still
        SimulatorSettings still = SimulatorSettings.defaults(42, 30, NOW);
        try (ProviderSimulator moving = started(still.withRealism(Realism.NONE.withMaxRequestSeconds(2)));
                ProviderSimulator reference = started(still)) {
            SimulatorClient api = new SimulatorClient(moving, "demo");
            SimulatorClient referenceApi = new SimulatorClient(reference, "demo");
            List<JsonNode> items = api.all("/computing/instances");
            Set<Long> durations = new HashSet<>();

            for (JsonNode item : items) {
                // when
                String path = "/computing/instance/" + item.get("id").asString();
                long asked = moving.now().getEpochSecond();
                HttpResponse<String> answer = api.get(path);

                // then: it took 0-2 s, its Date says when it answered, and it shows what held then
                Instant dated = date(answer);
                durations.add(dated.getEpochSecond() - asked);
                assertThat(dated).isEqualTo(moving.now());
                reference.setNow(dated);
                assertThat(answer.body()).isEqualTo(referenceApi.get(path).body());
            }
            assertThat(durations).containsExactlyInAnyOrder(0L, 1L, 2L);
            assertThat(Duration.between(NOW, moving.now())).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(64));
        }
    }

    @Test
    void aSetOfRequestsTakesTheSameTimeInAnyOrderAndTheSameOrderGivesTheSameDates() {
        // given
        SimulatorSettings settings = SimulatorSettings.defaults(7, 20, NOW).withRealism(Realism.NONE.withMaxRequestSeconds(3));
        List<String> paths = new ArrayList<>(List.of("/computing/products", "/computing/instances?limit=50&offset=0",
                "/users/credits/history?limit=50&offset=0", "/computing/products"));
        try (ProviderSimulator probe = new ProviderSimulator(settings)) {
            for (Lifetime life : probe.view().active()) {
                paths.add("/computing/instance/" + probe.ids().idOf(life.slot(), life.k()));
            }
        }
        List<String> reversed = new ArrayList<>(paths);
        java.util.Collections.reverse(reversed);

        // when
        List<Instant> first = dates(settings, paths);
        List<Instant> again = dates(settings, paths);
        List<Instant> backwards = dates(settings, reversed);

        // then
        assertThat(again).isEqualTo(first);
        assertThat(backwards.get(backwards.size() - 1)).isEqualTo(first.get(first.size() - 1)).isAfter(NOW);
        assertThat(backwards).isNotEqualTo(first);
    }

    @Test
    void runsStartAtIrregularButRepeatableSeconds() {
        // given
        SimulatorSettings spread = SimulatorSettings.defaults(42, 1, NOW).withRealism(Realism.NONE.withRunStartSpreadSeconds(900));
        List<Instant> scheduled = Stream.iterate(NOW, t -> t.plus(Duration.ofDays(1))).limit(20).toList();

        // when
        List<Instant> starts = scheduled.stream().map(spread::runStart).toList();

        // then: within 15 minutes after the schedule, rarely on a whole minute, the same for the same seed
        Set<Long> delays = new HashSet<>();
        for (int i = 0; i < starts.size(); i++) {
            long delay = Duration.between(scheduled.get(i), starts.get(i)).toSeconds();
            assertThat(delay).isBetween(0L, 900L);
            delays.add(delay);
        }
        assertThat(delays).hasSizeGreaterThan(15);
        assertThat(delays.stream().filter(d -> d % 60 != 0).count()).isGreaterThan(15);
        assertThat(scheduled.stream().map(SimulatorSettings.defaults(42, 9, NOW)
                .withRealism(Realism.NONE.withRunStartSpreadSeconds(900))::runStart).toList()).isEqualTo(starts);
        assertThat(scheduled.stream().map(SimulatorSettings.defaults(43, 1, NOW)
                .withRealism(Realism.NONE.withRunStartSpreadSeconds(900))::runStart).toList()).isNotEqualTo(starts);
        assertThat(scheduled.stream().map(SimulatorSettings.defaults(42, 1, NOW)::runStart).toList()).isEqualTo(scheduled);
    }

    @Test
    void aProvisionalHourIsShownAsTheWholeHourAndRestatedAtItsFinalAmountANightLater() {
        // given: half the hours shown provisionally while in progress, beside a simulator that shows none so
        SimulatorSettings plain = SimulatorSettings.defaults(42, 60, NOW)
                .withRealism(Realism.NONE.withMeteredCharges(true));
        try (ProviderSimulator sim = started(plain.withRealism(plain.realism().withProvisionalHourRate(0.5)));
                ProviderSimulator reference = started(plain)) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            SimulatorClient referenceApi = new SimulatorClient(reference, "demo");
            long provisional = NOW.getEpochSecond();
            while (!sim.payloads().provisional(provisional)) {
                provisional += HOUR;
            }
            long ordinary = NOW.getEpochSecond();
            while (sim.payloads().provisional(ordinary)) {
                ordinary += HOUR;
            }

            // when: 20 minutes 13 seconds into the provisional hour
            at(provisional + 1_213, sim, reference);
            JsonNode shown = newest(api);

            // then: labelled as the whole hour, it charges what accrued so far
            JsonNode partial = newest(referenceApi);
            assertThat(shown.get("create_time").asString()).isEqualTo(partial.get("create_time").asString());
            assertThat(SimulatorClient.eastern(shown.get("update_time").asString()))
                    .isEqualTo(Instant.ofEpochSecond(provisional + HOUR));
            assertThat(SimulatorClient.eastern(partial.get("update_time").asString())).isEqualTo(sim.now());
            assertThat(shown.get("computing_amount").decimalValue()).isEqualByComparingTo(partial.get("computing_amount").decimalValue());

            // when: a night later
            at(provisional + 86_400 + 600, sim, reference);
            JsonNode restated = bucket(api, provisional);

            // then: the same labels, another amount: the hour's final one
            assertThat(restated.get("create_time")).isEqualTo(shown.get("create_time"));
            assertThat(restated.get("update_time")).isEqualTo(shown.get("update_time"));
            assertThat(restated.get("computing_amount").decimalValue())
                    .isGreaterThan(shown.get("computing_amount").decimalValue())
                    .isEqualByComparingTo(bucket(referenceApi, provisional).get("computing_amount").decimalValue());
            assertThat(restated.get("total")).isEqualTo(restated.get("computing_amount"));

            // and: an ordinary hour in progress ends now, as before
            at(ordinary + 1_213, sim, reference);
            assertThat(SimulatorClient.eastern(newest(api).get("update_time").asString())).isEqualTo(sim.now());
        }
    }

    @Test
    void aStoppedInstanceAccruesNothingAndItsRunningTimeStartsAgainFromZero() {
        // given: every long-lived instance stops once
        try (ProviderSimulator sim = started(SimulatorSettings.defaults(42, 40, NOW)
                .withRealism(Realism.NONE.withStopRate(1)))) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            Lifetime life = Stream.concat(Stream.of(sim.view().active()), Stream.of(sim.view().deleted()))
                    .filter(Lifetime::stopsOnce).findFirst().orElseThrow();
            String id = sim.ids().idOf(life.slot(), life.k());
            PriceBook prices = sim.prices();

            // when
            JsonNode running = detailAt(sim, api, id, life.stopAt() - HOUR);
            JsonNode stopped = detailAt(sim, api, id, life.stopAt() + 60);
            JsonNode listed = api.all("/computing/instances").stream()
                    .filter(i -> i.get("id").asString().equals(id)).findFirst().orElseThrow();
            JsonNode stillStopped = detailAt(sim, api, id, life.resumeAt() - 60);
            JsonNode restarted = detailAt(sim, api, id, life.resumeAt() + HOUR);

            // then: listed as active but stopped, its counters frozen while stopped
            assertThat(running.get("status").asString()).isEqualTo("Running");
            assertThat(stopped.get("status").asString()).isEqualTo("Stopped");
            assertThat(listed.get("status").asString()).isEqualTo("Stopped");
            assertThat(stillStopped.get("running_time")).isEqualTo(stopped.get("running_time"));
            assertThat(stillStopped.get("total_cost")).isEqualTo(stopped.get("total_cost"));
            assertThat(stopped.get("running_time").asString())
                    .isEqualTo(ProviderPayloads.runningHours(life.stopAt() - life.start()).toPlainString() + " hours");

            // and: started again, the running time counts from the restart while the cost goes on from the stop
            assertThat(restarted.get("status").asString()).isEqualTo("Running");
            assertThat(restarted.get("running_time").asString()).isEqualTo("1.0000 hours");
            assertThat(restarted.get("start_time")).isEqualTo(running.get("start_time"));
            long accrued = prices.numerator(life.pair(), life.multiplier(), life.start(), life.stopAt())
                    + prices.numerator(life.pair(), life.multiplier(), life.resumeAt(), life.resumeAt() + HOUR);
            assertThat(SimulatorClient.dollars(restarted.get("total_cost").asString()))
                    .isEqualByComparingTo(ProviderPayloads.cost(accrued))
                    .isGreaterThan(SimulatorClient.dollars(stopped.get("total_cost").asString()));
        }
    }

    @ParameterizedTest
    @EnumSource(PayloadDrift.Kind.class)
    void aDriftedPayloadKeepsItsDriftFromItsDateOn(PayloadDrift.Kind kind) {
        // given: half the instances drift
        SimulatorSettings settings = SimulatorSettings.defaults(42, 200, NOW).withRealism(Realism.NONE.withDriftRate(0.5));
        PayloadDrift drift = new PayloadDrift(42, 0.5);
        try (ProviderSimulator sim = started(settings)) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            Lifetime life = Stream.of(sim.view().active())
                    .filter(l -> drift.at(l, NOW.getEpochSecond()) == kind && drift.at(l, l.start()) == null)
                    .filter(l -> l.end() > NOW.getEpochSecond() + 86_400).findFirst().orElseThrow();
            String id = sim.ids().idOf(life.slot(), life.k());

            // when
            JsonNode before = detailAt(sim, api, id, life.start());
            JsonNode detail = detailAt(sim, api, id, NOW.getEpochSecond());
            JsonNode item = api.all("/computing/instances").stream()
                    .filter(i -> i.get("id").asString().equals(id)).findFirst().orElseThrow();
            JsonNode dayLater = detailAt(sim, api, id, NOW.getEpochSecond() + 86_400);

            // then: documented before its date, drifted from then on
            assertThat(before.get("region").asString()).isIn(regions());
            assertThat(before.get("start_time").asString()).matches("EST .*|.* EST");
            assertThat(before.get("ram").asString()).matches("\\d+");
            assertThat(before.has(PayloadDrift.NEW_FIELD)).isFalse();
            assertThat(without(dayLater, "running_time", "total_cost", "status"))
                    .isEqualTo(without(detail, "running_time", "total_cost", "status"));
            switch (kind) {
                case REGION_RENAMED -> {
                    for (JsonNode payload : List.of(detail, item)) {
                        assertThat(payload.has("region")).isFalse();
                        assertThat(payload.get("location").asString()).isIn(regions());
                    }
                }
                case START_ISO_OFFSET -> {
                    String start = detail.get("start_time").asString();
                    assertThat(start).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-0[45]:00");
                    assertThat(OffsetDateTime.parse(start).toInstant()).isEqualTo(Instant.ofEpochSecond(life.start()));
                }
                case START_EPOCH_MILLIS ->
                        assertThat(detail.get("start_time").asString()).isEqualTo(life.start() + "000");
                case NEW_FIELD -> {
                    assertThat(detail.get("billing_mode").asString()).isEqualTo("on-demand");
                    assertThat(item.get("billing_mode").asString()).isEqualTo("on-demand");
                }
                case RAM_UNREADABLE -> {
                    assertThat(detail.get("ram").asString()).isEqualTo("lots");
                    assertThat(item.get("ram").asString()).isEqualTo("lots");
                }
            }
            // and: the counters never drift
            assertThat(detail.get("total_cost").asString()).startsWith("$");
            assertThat(detail.get("running_time").asString()).endsWith(" hours");
        }
    }

    @Test
    void driftIsRareAndEveryKindOccurs() {
        // given: the demo's rate over a fleet's instances
        PayloadDrift drift = new PayloadDrift(42, Realism.DEMO.driftRate());
        try (ProviderSimulator sim = new ProviderSimulator(SimulatorSettings.defaults(42, 2_000, NOW))) {
            List<Lifetime> lives = Stream.concat(Stream.of(sim.view().active()), Stream.of(sim.view().deleted())).toList();

            // when
            Map<PayloadDrift.Kind, Integer> kinds = new HashMap<>();
            lives.forEach(l -> {
                PayloadDrift.Kind kind = drift.at(l, l.end() - 1);
                if (kind != null) {
                    kinds.merge(kind, 1, Integer::sum);
                }
            });

            // then
            double share = kinds.values().stream().mapToInt(Integer::intValue).sum() / (double) lives.size();
            assertThat(share).isBetween(0.03, 0.05);
            assertThat(kinds.keySet()).containsExactlyInAnyOrder(PayloadDrift.Kind.values());
            assertThat(kinds.get(PayloadDrift.Kind.RAM_UNREADABLE)).isLessThan(kinds.get(PayloadDrift.Kind.NEW_FIELD));
        }
    }

    @Test
    void meteredChargesAreExactlyTheInstancesCostIncreasesThroughStopsAndProvisionalHours() {
        // given: many stops, provisional hours, metered charges
        SimulatorSettings settings = SimulatorSettings.defaults(42, 40, NOW)
                .withRealism(Realism.NONE.withStopRate(0.5).withProvisionalHourRate(0.5).withMeteredCharges(true));
        try (ProviderSimulator sim = started(settings)) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            Map<String, BigDecimal> before = totals(api);
            Instant last = NOW.plus(Duration.ofHours(30)).plusSeconds(1_037);
            long stopsInside = Stream.concat(Stream.of(sim.fleet().viewAt(last.getEpochSecond()).active()),
                            Stream.of(sim.fleet().viewAt(last.getEpochSecond()).deleted()))
                    .filter(l -> l.stopsOnce() && l.resumeAt() > NOW.getEpochSecond()
                            && l.stopAt() < last.getEpochSecond()).count();
            assertThat(stopsInside).isGreaterThanOrEqualTo(2);

            for (Instant to : List.of(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(7)).plusSeconds(59), last)) {
                // when
                sim.setNow(to);
                Map<String, BigDecimal> after = totals(api);
                List<JsonNode> buckets = api.buckets().stream()
                        .filter(b -> !SimulatorClient.eastern(b.get("create_time").asString()).isBefore(NOW)).toList();

                // then: to the last decimal
                BigDecimal increases = after.entrySet().stream()
                        .map(e -> e.getValue().subtract(before.getOrDefault(e.getKey(), BigDecimal.ZERO)))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal charged = buckets.stream().map(b -> b.get("computing_amount").decimalValue())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(charged).as("charges of [%s, %s)", NOW, to).isEqualByComparingTo(increases);
                assertThat(buckets).hasSize((int) ((Duration.between(NOW, to).toSeconds() + HOUR - 1) / HOUR));
            }
        }
    }

    private static List<Instant> dates(SimulatorSettings settings, List<String> paths) {
        try (ProviderSimulator sim = started(settings)) {
            SimulatorClient api = new SimulatorClient(sim, "demo");
            return paths.stream().map(api::get).map(SimulatorRealismTests::date).toList();
        }
    }

    private static Instant date(HttpResponse<String> response) {
        String text = response.headers().firstValue("date").orElseThrow();
        return java.time.ZonedDateTime.parse(text, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static void at(long epochSecond, ProviderSimulator... sims) {
        for (ProviderSimulator sim : sims) {
            sim.setNow(Instant.ofEpochSecond(epochSecond));
        }
    }

    private static JsonNode detailAt(ProviderSimulator sim, SimulatorClient api, String id, long epochSecond) {
        sim.setNow(Instant.ofEpochSecond(epochSecond));
        return api.json("/computing/instance/" + id).get("data").get(0);
    }

    private static JsonNode newest(SimulatorClient api) {
        return api.json("/users/credits/history?limit=1&offset=0").get("data").get("credit_history").get(0);
    }

    private static JsonNode bucket(SimulatorClient api, long hourStart) {
        return api.buckets().stream()
                .filter(b -> SimulatorClient.eastern(b.get("create_time").asString()).getEpochSecond() == hourStart)
                .findFirst().orElseThrow();
    }

    private static JsonNode without(JsonNode detail, String... fields) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) detail.deepCopy();
        for (String field : fields) {
            copy.remove(field);
        }
        return copy;
    }

    private static List<String> regions() {
        return Catalog.REGIONS.stream().map(Catalog.Region::name).toList();
    }

    private static Map<String, BigDecimal> totals(SimulatorClient api) {
        Map<String, BigDecimal> totals = new HashMap<>();
        Stream.concat(api.all("/computing/instances").stream(), api.all("/computing/deleted-instances").stream())
                .forEach(i -> totals.put(i.get("id").asString(),
                        SimulatorClient.dollars(api.detail(i.get("id")).get("total_cost").asString())));
        return totals;
    }

    private static ProviderSimulator started(SimulatorSettings settings) {
        ProviderSimulator sim = new ProviderSimulator(settings);
        sim.start(0);
        return sim;
    }
}
