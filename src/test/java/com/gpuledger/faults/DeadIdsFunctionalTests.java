package com.gpuledger.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.gpuledger.cli.JobHarness;
import com.gpuledger.run.RunOutcome;
import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.MutableClock;
import com.gpuledger.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A few ids that always fail one night (WireMock in front of the simulator): exit 2, then MULTI_DAY the next night. */
class DeadIdsFunctionalTests {

    static final Instant NIGHT_0 = Instant.parse("2026-03-10T06:00:00Z");
    static final LocalDate DATE_0 = LocalDate.parse("2026-03-09");

    @TempDir
    Path home;

    @Test
    void deadIdsAreListedWithTheirReasonsAndCostedOverTwoDaysOnceTheyAnswer() throws Exception {
        MutableClock clock = new MutableClock(NIGHT_0);
        WireMockServer proxy = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        try (ProviderSimulator simulator = new ProviderSimulator(SimulatorSettings.defaults(8, 40, NIGHT_0).withDeletedRetentionDays(2))) {
            simulator.start(0);
            proxy.start();
            String simulatorRoot = simulator.baseUrl().replace("/api/v1", "");
            proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(simulatorRoot)));
            Map<String, String> environment = Map.of("LEDGER_HOME", home.toString(),
                    "LEDGER_API_URL", "http://127.0.0.1:" + proxy.port() + "/api/v1", "LEDGER_API_TOKEN", "demo",
                    "LEDGER_FETCH_BACKOFF", "5ms", "LEDGER_FETCH_ATTEMPTS", "3");
            try (JobHarness harness = new JobHarness(environment, home, clock)) {
                // given: a first night that captures everyone
                night(harness, simulator, clock, 0, 0);
                List<String> dead = activeIds(simulator).subList(0, 3);

                // when: three ids always answer 500
                for (String id : dead) {
                    proxy.stubFor(get(urlPathEqualTo("/api/v1/computing/instance/" + id)).atPriority(1)
                            .willReturn(aResponse().withStatus(500).withBody("{\"status\":\"failed\",\"message\":\"boom\"}")));
                }
                night(harness, simulator, clock, 1, 2);

                // then: exit 2, the three listed with their reasons, everybody else captured
                JdbcClient jdbc = TestDatabase.h2(home).jdbc();
                LocalDate date1 = DATE_0.plusDays(1);
                assertThat(jdbc.sql("SELECT instance_id FROM fetch_failure WHERE report_date = ? AND kind = 'FAILED' ORDER BY instance_id")
                        .param(date1).query(String.class).list()).containsExactlyInAnyOrderElementsOf(dead);
                assertThat(jdbc.sql("SELECT reason FROM fetch_failure WHERE report_date = ?").param(date1).query(String.class).list())
                        .allSatisfy(reason -> assertThat(reason).contains("HTTP 500").contains("after 3 attempts"));
                assertThat(jdbc.sql("SELECT attempts FROM fetch_failure WHERE report_date = ?").param(date1).query(Integer.class).list())
                        .containsOnly(3);
                int discovered = jdbc.sql("SELECT discovered_count FROM ledger_run WHERE report_date = ?").param(date1).query(Integer.class).single();
                assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot WHERE report_date = ?").param(date1).query(Integer.class).single())
                        .isEqualTo(discovered - 3);
                assertThat(jdbc.sql("SELECT basis FROM daily_instance_cost WHERE report_date = ? AND instance_id IN (?, ?, ?)")
                        .param(date1).param(dead.get(0)).param(dead.get(1)).param(dead.get(2)).query(String.class).list())
                        .containsOnly("NOT_CAPTURED");

                // when: they answer again
                proxy.resetAll();
                proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(simulatorRoot)));
                night(harness, simulator, clock, 2, 0);

                // then: their delta spans the two days since their last snapshot
                LocalDate date2 = DATE_0.plusDays(2);
                assertThat(jdbc.sql("SELECT basis || ' ' || days_covered FROM daily_instance_cost WHERE report_date = ? AND instance_id IN (?, ?, ?)")
                        .param(date2).param(dead.get(0)).param(dead.get(1)).param(dead.get(2)).query(String.class).list())
                        .containsOnly("MULTI_DAY 2");
            }
        } finally {
            proxy.stop();
        }
    }

    private static void night(JobHarness harness, ProviderSimulator simulator, MutableClock clock, int night, int expectedExit) {
        Instant at = NIGHT_0.plus(Duration.ofDays(night));
        clock.set(at);
        simulator.setNow(at);
        RunOutcome outcome = harness.run(DATE_0.plusDays(night));
        assertThat(outcome.exitCode().code()).as(outcome.message()).isEqualTo(expectedExit);
    }

    private static List<String> activeIds(ProviderSimulator simulator) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + "/computing/instances?limit=50&offset=0"))
                .header("Authorization", "Bearer demo").build(), HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : JsonMapper.builder().build().readTree(page.body()).path("data")) {
            ids.add(item.path("id").asString());
        }
        return ids;
    }
}
