package com.gpuledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.FutureDate;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** PostgreSQL: the reader role of the README; the job's role here is the server's superuser, which may end it. */
@ExtendWith(OutputCaptureExtension.class)
class AttacksDuringARunPostgresIntegrationTests extends AttacksDuringARunScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }

    @Override
    Map<String, String> reader(TestDatabase database) {
        return PostgresDatabases.readerRole(database);
    }

    @Override
    Connection readerConnection(TestDatabase database, Path home, Map<String, String> reader) throws SQLException {
        return DriverManager.getConnection(database.environment().get("SPRING_DATASOURCE_URL"),
                reader.get("LEDGER_QUERY_USERNAME"), reader.get("LEDGER_QUERY_PASSWORD"));
    }

    @Override
    List<String> jdbcAttacks() {
        return List.of("SELECT pg_advisory_lock(" + FLYWAY_LOCK + "), pg_sleep(3)", "SELECT * FROM ledger_lease FOR UPDATE",
                "LOCK TABLE ledger_lease IN ACCESS SHARE MODE", "SELECT pg_advisory_lock(1)");
    }

    @Test
    void aReaderHoldingFlywaysAdvisoryLockIsEndedAndTheRunGoesOn(CapturedOutput output) throws Exception {
        // given the reader holding Flyway's lock in a statement that sleeps
        TestDatabase database = database(alone);
        Map<String, String> reader = reader(database);
        try (ProviderSimulator simulator = new ProviderSimulator(SimulatorSettings.defaults(5, 5, Instant.now()))) {
            simulator.start(0);
            LedgerProcess ledger = new LedgerProcess(alone).with(database.environment()).with(reader)
                    .with("LEDGER_API_URL", simulator.baseUrl()).with("LEDGER_API_TOKEN", "demo");
            assertThat(ledger.execute("run", FutureDate.refusedRunDate()).exitCode()).isEqualTo(64);
            Connection analyst = readerConnection(database, alone, reader);
            CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> {
                try (Statement statement = analyst.createStatement()) {
                    statement.execute("SELECT pg_advisory_lock(" + FLYWAY_LOCK + "), pg_sleep(200)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            waitForAdvisoryLock(database, reader.get("LEDGER_QUERY_USERNAME"));

            // when
            long started = System.nanoTime();
            LedgerProcess.Result run = ledger.execute("run");

            // then: Flyway gives up after about a minute; the watchdog ends the reader's backend within a second
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
            try {
                holding.get(10, TimeUnit.SECONDS);
                throw new AssertionError("the reader's statement should have been ended");
            } catch (ExecutionException ended) {
                assertThat(ended.getCause()).hasMessageContaining("terminat");
            }
            assertThat(output).contains("ended the session").contains("of the reader " + reader.get("LEDGER_QUERY_USERNAME"));
            analyst.close();
        }
    }

    private static void waitForAdvisoryLock(TestDatabase database, String role) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (database.jdbc().sql("SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                    + "WHERE l.locktype = 'advisory' AND l.granted AND a.usename = ?").param(role).query(Long.class).single() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the reader never held the advisory lock");
    }
}
