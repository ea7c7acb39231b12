package com.gpuledger.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

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
 * The packaged job killed with SIGKILL at each moment that matters, then the same date run again: every instance is
 * captured exactly once, with its cost, and the run ends as an uninterrupted one would. Each moment is reached on
 * purpose, not by a timer: a slow answer holds a worker, or the test holds a row lock that the job's write waits for,
 * and the test checks the job is there before it kills it. Run on H2 and on PostgreSQL.
 */
abstract class KillNineScenarios {

    static final String DATE = "2025-03-10";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path home;
    /** Whether the job was killed where the test had parked it, its commits long written (see {@link #killParked}). */
    boolean killedRunParked = true;
    ProviderStubs provider;
    TestDatabase database;
    JdbcClient jdbc;

    abstract TestDatabase database(Path home);

    /** How many of the database's sessions wait for a lock another session holds. */
    abstract int sessionsWaitingForALock();

    /**
     * Whether a commit of the killed job is on disk at once. PostgreSQL: yes. H2 writes its commits within its
     * WRITE_DELAY (500 ms): a job killed at an arbitrary moment may lose the last of them, its own run row included,
     * and recovers to a consistent earlier state.
     */
    abstract boolean commitsSurviveAKill();

    /** Extra variables for the job, e.g. a longer lock timeout, so that it waits for the test's lock. */
    Map<String, String> lockPatience() {
        return Map.of();
    }

    @BeforeEach
    void startProvider() {
        provider = new ProviderStubs();
        database = database(home);
        jdbc = database.jdbc();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void killedWhileOneInstanceIsInFlightAfterTheOthersEnded() throws Exception {
        // given: three workers, the third instance's answer slow
        fleet(3);
        provider.detail("i-3", okJson(detailOf(3)).withFixedDelay(120_000));
        Process run = child("LEDGER_FETCH_CONCURRENCY", "3").start("run", "--date=" + DATE);

        // when: killed while i-3 is being fetched and the two others are stored
        await(() -> snapshots() == 2 && provider.requestsFor("/computing/instance/i-3") == 1, run);
        killParked(run);
        provider.detailOk("i-3", detailOf(3));

        // then: the run of the same date fetches i-3 again and captures it
        assertResumed(3, "LEDGER_FETCH_CONCURRENCY", "3");
        assertThat(provider.requestsFor("/computing/instance/i-3")).isEqualTo(2);
        assertThat(provider.requestsFor("/computing/instance/i-1")).isEqualTo(1);
    }

    @Test
    void killedBeforeAnyWorkerEnded() throws Exception {
        // given: every answer slow
        fleet(6);
        for (int i = 1; i <= 6; i++) {
            provider.detail("i-" + i, okJson(detailOf(i)).withFixedDelay(120_000));
        }
        Process run = child("LEDGER_FETCH_CONCURRENCY", "3").start("run", "--date=" + DATE);

        // when: killed while three requests are in flight and nothing is stored
        await(() -> provider.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().contains("/computing/instance/")).count() == 3, run);
        assertThat(snapshots()).isZero();
        killParked(run);
        fleet(6);

        // then
        assertResumed(6, "LEDGER_FETCH_CONCURRENCY", "3");
    }

    @Test
    void killedDuringTheWriteOfAChunk() throws Exception {
        // given: answers a little slow, so the test holds the key of i-5 before the job writes it
        fleet(8);
        for (int i = 1; i <= 8; i++) {
            provider.detail("i-" + i, okJson(detailOf(i)).withFixedDelay(300));
        }
        Process run = child(Map.of("LEDGER_FETCH_CONCURRENCY", "2", "LEDGER_FETCH_CHUNK_SIZE", "4")).start("run", "--date=" + DATE);
        await(() -> targets() == 8, run);

        // when: killed while the chunk holding i-5 waits for the lock in the middle of its transaction
        try (Connection lock = database.dataSource().getConnection()) {
            lock.setAutoCommit(false);
            holdSnapshotKey(lock, "i-5");
            await(() -> sessionsWaitingForALock() > 0, run);
            assertThat(snapshots()).as("the chunk with i-5 not written").isLessThan(8);
            killParked(run);
            release(lock);
        }
        fleet(8);

        // then: the chunk that was being written is fetched again
        assertResumed(8, "LEDGER_FETCH_CONCURRENCY", "2", "LEDGER_FETCH_CHUNK_SIZE", "4");
    }

    @Test
    void killedDuringReconcile() throws Exception {
        // given: the test holds the date's account reconciliation key, which the reconcile step writes last
        fleet(4);
        Process run = child(Map.of()).start("run", "--date=" + DATE);
        await(() -> targets() == 4, run);
        try (Connection lock = database.dataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement insert = lock.prepareStatement("""
                    INSERT INTO account_reconciliation (report_date, window_start, window_end, instances_cost_usd, status)
                    VALUES (?, ?, ?, 0, 'OK')""")) {
                insert.setObject(1, java.time.LocalDate.parse(DATE));
                insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
            }

            // when: killed while the reconcile step waits for it, its daily costs written but not committed
            await(() -> sessionsWaitingForALock() > 0 && stepStatus("reconcileStep").equals("STARTED"), run);
            killParked(run);
            release(lock);
        }

        // then
        assertResumed(4);
    }

    @Test
    void killedDuringTheReports() throws Exception {
        // given
        fleet(4);
        Process run = child(Map.of()).start("run", "--date=" + DATE);
        Path reports = home.resolve("reports");

        // when: killed while the date's set is being written into its temporary folder
        await(() -> temporaryFolders(reports) > 0, run);
        kill(run);
        assertThat(reports.resolve(DATE)).as("killed before the set was published").doesNotExist();

        // then: the run again recovers the folder and publishes the whole set
        killedRunParked = false;
        assertResumed(4);
        assertThat(temporaryFolders(reports)).isZero();
    }

    /** Serves {@code count} instances i-1.. with quick answers and an hour of account charges. */
    void fleet(int count) {
        provider.reset();
        String[] items = new String[count];
        for (int i = 1; i <= count; i++) {
            items[i - 1] = listItem("\"i-" + i + "\"", "1.5", "Running");
            provider.detailOk("i-" + i, detailOf(i));
        }
        provider.list(InstanceLister.ACTIVE, 100, items);
        provider.list(InstanceLister.DELETED, 100);
        provider.creditHistory(new TreeMap<>());
    }

    static String detailOf(int i) {
        return detail("\"i-" + i + "\"", "CANADA", "RTX-A6000", 1, "Running", "EST 2025-03-10 00:00:00", i + ".0000 hours",
                "$" + i + ".5000");
    }

    ChildLedger child(String... variables) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            map.put(variables[i], variables[i + 1]);
        }
        return child(map);
    }

    ChildLedger child(Map<String, String> variables) {
        return new ChildLedger(home).with(database.environment()).with(lockPatience())
                .with("LEDGER_API_URL", provider.baseUrl())
                .with("LEDGER_API_TOKEN", ProviderStubs.TOKEN)
                .with("LEDGER_FETCH_BACKOFF", "10ms")
                .with(variables);
    }

    /** The run again, to its end: exit 0, each instance once with its counters and its daily cost, reports written. */
    void assertResumed(int instances, String... variables) throws Exception {
        int exit = child(variables).run("run", "--date=" + DATE);
        assertThat(exit).as(logs()).isZero();
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT s.instance_id, s.running_hours, s.total_cost, c.cost_usd FROM instance_snapshot s
                JOIN daily_instance_cost c ON c.report_date = s.report_date AND c.instance_id = s.instance_id
                WHERE s.report_date = ? ORDER BY s.instance_id""").param(java.time.LocalDate.parse(DATE)).query().listOfRows();
        assertThat(rows).as(logs()).hasSize(instances);
        for (Map<String, Object> row : rows) {
            int i = Integer.parseInt(((String) row.get("instance_id")).substring(2));
            assertThat((BigDecimal) row.get("running_hours")).isEqualByComparingTo(i + "");
            assertThat((BigDecimal) row.get("total_cost")).isEqualByComparingTo(i + ".5");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM daily_instance_cost WHERE report_date = ?")
                .param(java.time.LocalDate.parse(DATE)).query(Integer.class).single()).isEqualTo(instances);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM fetch_failure").query(Integer.class).single()).isZero();
        List<String> outcomes = jdbc.sql("SELECT outcome FROM ledger_run ORDER BY run_id DESC").query(String.class).list();
        if (killedRunParked || commitsSurviveAKill()) {
            assertThat(outcomes).containsExactly("SUCCEEDED", "ABANDONED");
        } else {
            assertThat(outcomes).first().isEqualTo("SUCCEEDED");
            assertThat(outcomes).hasSizeBetween(1, 2).containsOnlyOnce("SUCCEEDED").isSubsetOf("SUCCEEDED", "ABANDONED");
        }
        assertThat(home.resolve("reports").resolve(DATE).resolve("instances-" + DATE + ".csv")).isRegularFile();
    }

    private static long temporaryFolders(Path reports) {
        if (!Files.isDirectory(reports)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(reports)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("." + DATE + ".tmp-")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    int snapshots() {
        return count("SELECT COUNT(*) FROM instance_snapshot");
    }

    int targets() {
        return count("SELECT COUNT(*) FROM fetch_target");
    }

    /** The status of the step's latest execution, or "" before it started. */
    String stepStatus(String step) {
        try {
            return jdbc.sql("SELECT status FROM batch_step_execution WHERE step_name = ? ORDER BY step_execution_id DESC")
                    .param(step).query(String.class).list().stream().findFirst().orElse("");
        } catch (RuntimeException notYet) {
            return "";
        }
    }

    /** A count, or -1 while the job has not made the table yet. */
    private int count(String sql) {
        try {
            return jdbc.sql(sql).query(Integer.class).single();
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    private static void holdSnapshotKey(Connection connection, String instanceId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO instance_snapshot (report_date, instance_id, fetched_at, source, gpu_type, gpu_count,
                    running_hours, total_cost, currency, run_id)
                VALUES (?, ?, ?, 'ACTIVE', 'x', 0, 0, 0, 'USD', 0)""")) {
            insert.setObject(1, java.time.LocalDate.parse(DATE));
            insert.setString(2, instanceId);
            insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** Rolls the test's lock back; on H2 the killed job was the database's server, and the connection went with it. */
    private static void release(Connection lock) {
        try {
            lock.rollback();
        } catch (SQLException gone) {
            // nothing to release
        }
    }

    private void await(BooleanSupplier condition, Process run) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!run.isAlive()) {
                throw new AssertionError("the job ended (exit " + run.exitValue() + ") before the moment to kill it\n" + logs());
            }
            if (System.nanoTime() > end) {
                String sessions = diagnostics();
                run.destroyForcibly();
                throw new AssertionError("the moment to kill the job never came\n" + sessions + "\n" + logs());
            }
            Thread.sleep(10);
        }
    }

    /**
     * Kills a job that waits where the test parked it, after a pause: H2 writes committed transactions to its file
     * within half a second (its WRITE_DELAY), and the trial is about the moment, not about that half second.
     */
    private static void killParked(Process run) throws InterruptedException {
        Thread.sleep(1_500);
        kill(run);
    }

    private static void kill(Process run) throws InterruptedException {
        run.destroyForcibly().waitFor();
        assertThat(run.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    /** What the database says of its sessions, for a failed assertion's message. */
    String diagnostics() {
        return "";
    }

    /** The children's logs, for a failed assertion's message. */
    String logs() {
        try (Stream<Path> files = Files.list(home)) {
            List<String> text = new ArrayList<>();
            for (Path log : files.filter(p -> p.getFileName().toString().startsWith("child-")).sorted().toList()) {
                text.add("--- " + log.getFileName() + "\n" + Files.readString(log));
            }
            return String.join("\n", text);
        } catch (IOException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }
}
