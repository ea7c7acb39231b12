package com.gpuledger.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class FleetModelTests {

    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final long DAY = 86_400;

    @Test
    void idsDecodeBackToTheirInstance() {
        // given
        ProviderSimulator sim = new ProviderSimulator(SimulatorSettings.defaults(42, 3_000, NOW));
        InstanceIds ids = sim.ids();
        List<Lifetime> lives = everything(sim.view());

        // when / then
        long numeric = 0;
        for (Lifetime life : lives) {
            String id = ids.idOf(life.slot(), life.k());
            assertThat(ids.decode(id)).as(id).isEqualTo(life.ref());
            if (ids.isNumeric(life.slot(), life.k())) {
                numeric++;
            } else {
                assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            }
        }
        assertThat(lives.stream().map(l -> ids.idOf(l.slot(), l.k())).distinct()).hasSameSizeAs(lives);
        assertThat((double) numeric / lives.size()).isBetween(0.03, 0.07);
        String uuid = lives.stream().map(l -> ids.idOf(l.slot(), l.k())).filter(i -> i.contains("-")).findFirst()
                .orElseThrow();
        assertThat(ids.decode(uuid.substring(0, 35) + (uuid.endsWith("0") ? "1" : "0"))).isEqualTo(-1);
        assertThat(ids.decode("00000000-0000-0000-0000-000000000000")).isEqualTo(-1);
        assertThat(ids.decode("0")).isEqualTo(-1);
        assertThat(ids.decode("41; DROP TABLE")).isEqualTo(-1);
    }

    @Test
    void fleetMixMatchesTheProviderAccount() {
        // given
        SimulatorSettings settings = SimulatorSettings.defaults(42, 3_000, NOW);
        ProviderSimulator sim = new ProviderSimulator(settings);
        List<Lifetime> lives = everything(sim.view());
        long genesis = settings.genesis().getEpochSecond();

        // when
        double cpu = share(lives, l -> l.gpuCount() == 0);
        double shortLived = share(lives, l -> l.end() - l.start() <= 20 * 3_600);
        Set<String> models = lives.stream().map(l -> l.machine().model()).collect(Collectors.toSet());
        Set<Integer> regions = lives.stream().map(Lifetime::region).collect(Collectors.toSet());
        List<String> hostNames = lives.stream().map(l -> InstanceProfile.of(42, sim.ids(), l).hostName()).toList();
        sim.setNow(settings.genesis());
        Lifetime[] atGenesis = sim.view().active();

        // then
        assertThat(cpu).isBetween(0.07, 0.13);
        assertThat(shortLived).isBetween(0.07, 0.13);
        assertThat(models.stream().filter(m -> !m.startsWith("CPU"))).hasSizeGreaterThanOrEqualTo(6);
        assertThat(regions).hasSizeGreaterThanOrEqualTo(4);
        assertThat(lives.stream().map(Lifetime::gpuCount).collect(Collectors.toSet())).containsOnly(0, 1, 2, 4, 8);
        assertThat(lives).filteredOn(l -> l.k() == 0)
                .allSatisfy(l -> assertThat(l.start()).isBetween(genesis - 90 * DAY, genesis));
        assertThat(hostNames).filteredOn(h -> h.matches("[=+\\-@].*")).hasSizeBetween(5, lives.size() / 40);
        assertThat(atGenesis.length).isGreaterThan(settings.fleetSize() * 9 / 10);
        assertThat(Stream.of(atGenesis).filter(l -> l.start() < genesis - 7 * DAY).count())
                .isGreaterThan(atGenesis.length / 2L);
    }

    @Test
    void pricesMoveAtDeterministicInstants() {
        // given
        long genesis = NOW.getEpochSecond() - 60 * DAY;
        PriceBook prices = new PriceBook(42, genesis);
        PriceBook same = new PriceBook(42, genesis);

        // when
        List<Integer> moved = new ArrayList<>();
        for (int pair = 0; pair < Catalog.pairCount(); pair++) {
            if (prices.unitsAt(pair, genesis) != prices.unitsAt(pair, genesis + 60 * DAY)) {
                moved.add(pair);
            }
        }

        // then
        assertThat(moved).hasSizeBetween(3, Catalog.pairCount() - 1);
        for (int pair = 0; pair < Catalog.pairCount(); pair++) {
            for (long t = genesis - 90 * DAY; t < genesis + 90 * DAY; t += 3_601) {
                assertThat(same.unitsAt(pair, t)).isEqualTo(prices.unitsAt(pair, t));
            }
        }
        int h100 = Catalog.pair(0, 0);
        assertThat(prices.unitsAt(h100, genesis)).isBetween(20_000L, 26_000L);
        assertThat(prices.numerator(h100, 8, genesis, genesis + 3_600))
                .isEqualTo(prices.unitsAt(h100, genesis) * 8 * 3_600);
    }

    @Test
    void hourlyBucketsAddUpToTheFleetAccrualExactly() {
        // given
        ProviderSimulator sim = new ProviderSimulator(SimulatorSettings.defaults(42, 500, NOW));

        for (Instant at : List.of(NOW, NOW.plusSeconds(1_234), NOW.plus(Duration.ofDays(45)).plusSeconds(17))) {
            // when
            sim.setNow(at);
            ClockView view = sim.view();
            long buckets = 0;
            for (int i = 0; i < view.bucketCount(); i++) {
                buckets += view.bucketNumerator(i);
            }

            // then
            assertThat(buckets).isEqualTo(sim.fleet().numerator(view.genesisHour(), at.getEpochSecond()));
            assertThat(view.bucketEnd(view.bucketCount() - 1)).isEqualTo(at.getEpochSecond());
        }
    }

    @Test
    void aPathFailsAtMostTwiceInARow() {
        // given: every request would fail
        FaultInjector always = new FaultInjector(42, 1.0, 0, 0);
        FaultInjector throttling = new FaultInjector(42, 0, 1.0, 0);
        FaultInjector garbling = new FaultInjector(42, 0, 0, 1.0);

        // when
        List<FaultInjector.Fault> faults = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            faults.add(always.next("/api/v1/computing/products", false));
        }

        // then
        assertThat(faults).containsExactly(FaultInjector.Fault.ERROR, FaultInjector.Fault.ERROR,
                FaultInjector.Fault.NONE, FaultInjector.Fault.ERROR, FaultInjector.Fault.ERROR,
                FaultInjector.Fault.NONE);
        assertThat(always.next("/api/v1/computing/instances", false)).isEqualTo(FaultInjector.Fault.ERROR);
        assertThat(throttling.next("/a", true)).isEqualTo(FaultInjector.Fault.THROTTLE);
        assertThat(garbling.next("/a", false)).isEqualTo(FaultInjector.Fault.NONE);
        assertThat(garbling.next("/b", true)).isEqualTo(FaultInjector.Fault.MALFORMED);
    }

    @Test
    void roundingFollowsTheContract() {
        assertThat(ProviderPayloads.runningHours(1)).isEqualByComparingTo("0.0002");
        assertThat(ProviderPayloads.runningHours(3_599)).isEqualByComparingTo("0.9997");
        assertThat(ProviderPayloads.runningHours(240_865)).isEqualByComparingTo("66.9069");
        assertThat(ProviderPayloads.cost(1_800)).isEqualByComparingTo("0.0001");
        assertThat(ProviderPayloads.cost(1_799)).isEqualByComparingTo("0.0000");
        assertThat(ProviderPayloads.dollars(new BigDecimal("961.5400"), true)).isEqualTo("$961.5400");
        assertThat(ProviderPayloads.dollars(new BigDecimal("1234.5678"), true)).isEqualTo("$1,234.5678");
        assertThat(ProviderPayloads.dollars(new BigDecimal("1234567.0000"), true)).isEqualTo("$1,234,567.0000");
        assertThat(ProviderPayloads.dollars(new BigDecimal("123456.0000"), true)).isEqualTo("$123,456.0000");
        assertThat(ProviderPayloads.dollars(new BigDecimal("1234.5678"), false)).isEqualTo("$1234.5678");
    }

    private static List<Lifetime> everything(ClockView view) {
        List<Lifetime> lives = new ArrayList<>(List.of(view.active()));
        lives.addAll(List.of(view.deleted()));
        return lives;
    }

    private static double share(List<Lifetime> lives, java.util.function.Predicate<Lifetime> test) {
        return (double) lives.stream().filter(test).count() / lives.size();
    }
}
