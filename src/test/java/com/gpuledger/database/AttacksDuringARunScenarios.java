package com.gpuledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.FutureDate;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

/**
 * Issue 22: analysts attack in a loop, through {@code query} and straight over JDBC as the reader, while a nightly
 * run goes on; the run completes with the same rows as the same run alone.
 */
abstract class AttacksDuringARunScenarios {

    /** Flyway's advisory lock on PostgreSQL: its magic number plus the hash of the history table's quoted name. */
    static final long FLYWAY_LOCK = 77431708279161L + "\"public\".\"flyway_schema_history\"".hashCode();

    private static final List<String> QUERY_ATTACKS = List.of(
            "SELECT * FROM ledger_lease FOR UPDATE",
            "SELECT run_id FROM ledger_run ORDER BY nextval('batch_step_execution_seq')",
            "SELECT pg_advisory_lock(" + FLYWAY_LOCK + "), pg_sleep(5)",
            "SELECT COUNT(*) FROM information_schema.columns a, information_schema.columns b, information_schema.columns c",
            "SELECT COUNT(*) AS unknown FROM ledger_run");

    @TempDir
    Path alone;
    @TempDir
    Path attacked;

    abstract TestDatabase database(Path home);

    /** The variables that name the reader to {@code query} and to the job; H2 needs none. */
    abstract Map<String, String> reader(TestDatabase database);

    abstract Connection readerConnection(TestDatabase database, Path home, Map<String, String> reader) throws SQLException;

    /** What the reader tries over JDBC, each held for a while: locks a run needs. */
    abstract List<String> jdbcAttacks();

    @Test
    void attacksInALoopDuringANightlyRunLeaveTheSameRowsAsARunAlone() throws Exception {
        try (ProviderSimulator simulator = new ProviderSimulator(SimulatorSettings.defaults(11, 20, Instant.now()).withLatencyMs(30))) {
            simulator.start(0);
            TestDatabase quiet = database(alone);
            LedgerProcess.Result alone = ledger(this.alone, quiet, reader(quiet), simulator).execute("run");
            assertThat(alone.exitCode()).as(alone.err()).isZero();

            TestDatabase database = database(attacked);
            Map<String, String> reader = reader(database);
            LedgerProcess ledger = ledger(attacked, database, reader, simulator);
            assertThat(ledger.execute("run", FutureDate.refusedRunDate()).exitCode()).as("migrated, the reader created").isEqualTo(64);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger attacks = new AtomicInteger();
            CompletableFuture<Void> analyst = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    for (String attack : QUERY_ATTACKS) {
                        ledger.execute("query", attack);
                        attacks.incrementAndGet();
                    }
                    for (String attack : jdbcAttacks()) {
                        try (Connection connection = readerConnection(database, attacked, reader);
                             Statement statement = connection.createStatement()) {
                            connection.setAutoCommit(false);
                            statement.execute(attack);
                            Thread.sleep(1000); // holding whatever it took
                        } catch (SQLException refusedOrEnded) {
                            // what the reader may not do, or a session the job ended
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        attacks.incrementAndGet();
                    }
                }
            });

            LedgerProcess.Result run = ledger.execute("run");
            running.set(false);
            analyst.get(60, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(attacks.get()).as("attacks during the run").isGreaterThan(QUERY_ATTACKS.size());
            assertThat(rows(database)).isEqualTo(rows(quiet)).isNotEmpty();
        }
    }

    private static LedgerProcess ledger(Path home, TestDatabase database, Map<String, String> reader, ProviderSimulator simulator) {
        return new LedgerProcess(home).with(database.environment()).with(reader).with("LEDGER_API_URL", simulator.baseUrl())
                .with("LEDGER_API_TOKEN", "demo").with("LEDGER_FETCH_CONCURRENCY", "1").with("LEDGER_QUERY_TIMEOUT", "1s");
    }

    private static String plain(java.math.BigDecimal value) {
        return value == null ? "null" : value.stripTrailingZeros().toPlainString();
    }

    private static List<String> rows(TestDatabase database) {
        List<String> rows = new ArrayList<>(database.jdbc().sql("""
                SELECT instance_id, report_date, basis, hours, cost_usd FROM daily_instance_cost ORDER BY instance_id, report_date""")
                .query((rs, n) -> rs.getString(1) + " " + rs.getObject(2) + " " + rs.getString(3) + " "
                        + plain(rs.getBigDecimal(4)) + " " + plain(rs.getBigDecimal(5)))
                .list());
        rows.add("snapshots " + database.jdbc().sql("SELECT COUNT(*) FROM instance_snapshot").query(Long.class).single());
        rows.add("runs " + database.jdbc().sql("SELECT outcome FROM ledger_run ORDER BY run_id").query(String.class).list()
                .stream().filter(outcome -> !outcome.equals("REFUSED")).toList());
        return rows;
    }
}
