package com.gpuledger.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.ChildLedger;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/**
 * {@code LEDGER_RUN_DEADLINE} in the packaged job: a slow night stops at its deadline with what it captured kept and
 * its lease released, and a night that hangs where no deadline is checked is ended by the watchdog. In a child
 * process, since the watchdog ends the JVM.
 */
class RunDeadlineIntegrationTests {

    static final String DATE = "2025-03-10";
    static final int INSTANCES = 30;

    @TempDir
    Path home;
    ProviderStubs provider;
    JdbcClient jdbc;

    @BeforeEach
    void start() {
        provider = new ProviderStubs();
        jdbc = TestDatabase.h2(home).jdbc();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void aSlowNightStopsAtItsDeadlineKeepsWhatItCapturedAndTheNextRunGoesOn() throws Exception {
        // given: answers of 300 ms, one worker: the whole night would take 9 s
        fleet(300);

        // when
        int exit = child().with("LEDGER_RUN_DEADLINE", "3s").run("run", "--date=" + DATE);

        // then: exit 1 with about ten captured, kept, and the lease released
        assertThat(exit).isEqualTo(1);
        Map<String, Object> run = jdbc.sql("SELECT outcome, exit_code, ended_at, message, captured_count FROM ledger_run")
                .query().singleRow();
        assertThat(run).containsEntry("outcome", "FAILED").containsEntry("exit_code", 1);
        assertThat(run.get("ended_at")).isNotNull();
        assertThat((String) run.get("message")).contains("the run deadline of PT3S (LEDGER_RUN_DEADLINE) passed");
        int captured = jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single();
        assertThat(captured).as("stopped by the deadline, well before the end of the work\n%s", logs()).isBetween(1, 20);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM fetch_failure").query(Integer.class).single()).isZero();

        // when: the next run, with quick answers
        fleet(0);
        assertThat(child().run("run", "--date=" + DATE)).isZero();

        // then: it fetched only the rest
        assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single()).isEqualTo(INSTANCES);
        assertThat(provider.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().contains("/computing/instance/")).count()).isEqualTo(INSTANCES - captured);
    }

    @Test
    void aNightThatHangsIsEndedByTheWatchdogAndReleasesTheLease() throws Exception {
        // given: the list answers after a minute, and the job would wait that long for it
        provider.server().stubFor(get(urlPathEqualTo("/api/v1" + InstanceLister.ACTIVE))
                .willReturn(okJson("{\"data\":[],\"total_instance\":0,\"status\":\"success\"}").withFixedDelay(60_000)));

        // when
        long start = System.nanoTime();
        int exit = child().with("LEDGER_RUN_DEADLINE", "2s").with("LEDGER_API_READ_TIMEOUT", "120s").run("run", "--date=" + DATE);
        double seconds = (System.nanoTime() - start) / 1e9;

        // then: 2 s and 1 s of grace later, the process ended with exit 1 and the run's row closed
        assertThat(exit).isEqualTo(1);
        assertThat(seconds).isLessThan(30);
        Map<String, Object> run = jdbc.sql("SELECT outcome, exit_code, ended_at, message FROM ledger_run").query().singleRow();
        assertThat(run).containsEntry("outcome", "FAILED").containsEntry("exit_code", 1);
        assertThat(run.get("ended_at")).isNotNull();
        assertThat((String) run.get("message")).contains("had not stopped 5 s later: the process was ended");
    }

    private void fleet(int delayMs) {
        provider.reset();
        String[] items = new String[INSTANCES];
        for (int i = 1; i <= INSTANCES; i++) {
            items[i - 1] = listItem("\"i-" + i + "\"", "1.5", "Running");
            provider.detail("i-" + i, okJson(detail("\"i-" + i + "\"", "CANADA", "RTX-A6000", 1, "Running",
                    "EST 2025-03-10 00:00:00", "1.0000 hours", "$1.5000")).withFixedDelay(delayMs));
        }
        provider.list(InstanceLister.ACTIVE, 100, items);
        provider.list(InstanceLister.DELETED, 100);
        provider.creditHistory(new TreeMap<>());
    }

    private String logs() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(home)) {
            StringBuilder text = new StringBuilder();
            for (Path log : files.filter(p -> p.getFileName().toString().startsWith("child-")).sorted().toList()) {
                text.append(java.nio.file.Files.readString(log));
            }
            return text.toString();
        }
    }

    private ChildLedger child() {
        return new ChildLedger(home).with("LEDGER_API_URL", provider.baseUrl()).with("LEDGER_API_TOKEN", ProviderStubs.TOKEN)
                .with("LEDGER_FETCH_CONCURRENCY", "1");
    }
}
