package com.gpuledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.ChildLedger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** PostgreSQL stopped while the job fetches: exit 1, nothing half-published, and the rerun completes. */
class DatabaseGoneIntegrationTests {

    static final Instant NIGHT = Instant.parse("2026-03-10T06:00:00Z");

    @TempDir
    Path home;
    @TempDir
    Path pgData;

    @Test
    void theRunFailsCleanlyAndTheRerunCompletes() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).start();
        int port = postgres.getPort();
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (ProviderSimulator simulator = new ProviderSimulator(
                SimulatorSettings.defaults(17, 200, NIGHT).withLatencyMs(25).withDeletedRetentionDays(2))) {
            simulator.start(0);
            ChildLedger ledger = new ChildLedger(home).with(Map.of("LEDGER_API_URL", simulator.baseUrl(), "LEDGER_API_TOKEN", "demo",
                    "LEDGER_FETCH_CONCURRENCY", "2", "SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "postgres",
                    "SPRING_DATASOURCE_PASSWORD", ""));

            // when: the database stops once the fetch has begun
            Process run = ledger.start("run", "--date=2026-03-09");
            waitForFetching();
            postgres.close();
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();

            // then
            assertThat(run.exitValue()).isEqualTo(1);
            assertThat(home.resolve("reports/2026-03-09")).doesNotExist();

            // when: it is back, the same date runs again
            postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(port).start();
            int exit = ledger.run("run", "--date=2026-03-09");

            // then: complete, one row per instance, reports published
            assertThat(exit).isZero();
            JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", ""));
            int discovered = jdbc.sql("SELECT discovered_count FROM ledger_run WHERE outcome = 'SUCCEEDED'").query(Integer.class).single();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single()).isEqualTo(discovered);
            assertThat(home.resolve("reports/2026-03-09/manifest.json")).exists();
        } finally {
            postgres.close();
        }
    }

    /** The child logs "fetching N instances" when the fetch step starts. */
    private void waitForFetching() throws Exception {
        for (int i = 0; i < 600; i++) {
            try (var logs = Files.list(home)) {
                boolean fetching = logs.filter(p -> p.getFileName().toString().startsWith("child-")).anyMatch(p -> {
                    try {
                        return Files.readString(p).contains("fetching ");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                if (fetching) {
                    Thread.sleep(500);
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run never started fetching");
    }
}
