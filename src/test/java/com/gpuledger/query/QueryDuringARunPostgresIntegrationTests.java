package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** An analyst tries to end a running nightly job's PostgreSQL sessions through query: refused, and the run completes. */
class QueryDuringARunPostgresIntegrationTests {

    @TempDir
    Path home;

    @Test
    void theReaderCannotEndTheRunningJobsSessions() throws Exception {
        // given a run in progress against a provider slow enough to last a few seconds
        TestDatabase database = PostgresDatabases.freshDatabase();
        JdbcClient jdbc = database.jdbc();
        try (ProviderSimulator simulator = new ProviderSimulator(SimulatorSettings.defaults(3, 60, Instant.now()).withLatencyMs(50))) {
            simulator.start(0);
            LedgerProcess ledger = new LedgerProcess(home).with(database.environment())
                    .with(PostgresDatabases.readerRole(database))
                    .with("LEDGER_API_URL", simulator.baseUrl()).with("LEDGER_API_TOKEN", "demo").with("LEDGER_FETCH_CONCURRENCY", "1");
            CompletableFuture<LedgerProcess.Result> run = CompletableFuture.supplyAsync(() -> ledger.execute("run"));
            waitUntilRunning(jdbc, run);

            // when
            LedgerProcess.Result terminate = ledger.execute("query", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            LedgerProcess.Result cancel = ledger.execute("query", "SELECT \"pg_cancel_backend\"(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            String outcomeMeanwhile = jdbc.sql("SELECT outcome FROM ledger_run").query(String.class).single();

            // then
            assertThat(terminate.exitCode()).as(terminate.out() + terminate.err()).isEqualTo(64);
            // the allow-list refuses it first; the database refuses the reader too (QueryReaderScenarios)
            assertThat(terminate.err()).contains("query refused: the function pg_terminate_backend()");
            assertThat(cancel.exitCode()).as(cancel.out() + cancel.err()).isEqualTo(64);
            assertThat(outcomeMeanwhile).as("the run was still going when both were tried").isEqualTo("RUNNING");
            LedgerProcess.Result finished = run.get(180, TimeUnit.SECONDS);
            assertThat(finished.exitCode()).as(finished.err()).isZero();
            assertThat(jdbc.sql("SELECT outcome FROM ledger_run").query(String.class).single()).isEqualTo("SUCCEEDED");
        }
    }

    private static void waitUntilRunning(JdbcClient jdbc, CompletableFuture<LedgerProcess.Result> run) throws InterruptedException {
        for (int attempt = 0; attempt < 1200 && !run.isDone(); attempt++) {
            try {
                if (jdbc.sql("SELECT COUNT(*) FROM ledger_run WHERE outcome = 'RUNNING'").query(Integer.class).single() == 1) {
                    return;
                }
            } catch (RuntimeException notMigratedYet) {
                // the table appears when the run has migrated the database
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run never showed as RUNNING: " + (run.isDone() ? run.join().err() : "still starting"));
    }
}
