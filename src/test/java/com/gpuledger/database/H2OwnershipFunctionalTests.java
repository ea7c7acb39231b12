package com.gpuledger.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.FutureDate;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

/**
 * Issue 22 on the default H2 database: an analyst around the night cannot fail or stall it, and another OS user
 * cannot read it.
 */
@ExtendWith(OutputCaptureExtension.class)
class H2OwnershipFunctionalTests {

    @TempDir
    Path home;
    ProviderSimulator simulator;
    LedgerProcess ledger;
    String url;

    @BeforeEach
    void provider() throws Exception {
        simulator = new ProviderSimulator(SimulatorSettings.defaults(3, 30, Instant.now()).withLatencyMs(30));
        simulator.start(0);
        ledger = new LedgerProcess(home).with("LEDGER_API_URL", simulator.baseUrl()).with("LEDGER_API_TOKEN", "demo")
                .with("LEDGER_FETCH_CONCURRENCY", "1");
        url = TestDatabase.h2Url(home, "");
    }

    @AfterEach
    void stopProvider() {
        simulator.close();
    }

    @Test
    void anAnalystsSessionServingTheFileWhenTheRunStartsIsEndedAndTheRunOwnsTheDatabase(CapturedOutput output) throws Exception {
        // given an analyst's JDBC tool, connected first, so its process serves the file (AUTO_SERVER)
        migrated();
        Process analyst = analystsShell();
        try {
            // when the night starts, and the analyst's tool ends while the run goes on
            CompletableFuture<LedgerProcess.Result> run = CompletableFuture.supplyAsync(() -> ledger.execute("run"));
            waitUntilRunning(run);
            analyst.destroy();
            assertThat(analyst.waitFor(20, TimeUnit.SECONDS)).isTrue();

            // then
            LedgerProcess.Result finished = run.get(180, TimeUnit.SECONDS);
            assertThat(finished.exitCode()).as(finished.err()).isZero();
            assertThat(TestDatabase.h2(home).jdbc().sql("SELECT outcome FROM ledger_run WHERE command = 'run' ORDER BY run_id DESC")
                    .query(String.class).list()).first().isEqualTo("SUCCEEDED");
            assertThat(output).contains("another process serves " + home.resolve("data/ledger"));
        } finally {
            analyst.destroyForcibly();
        }
    }

    @Test
    void anAnalystsLongQueryServingTheFileWhenTheRunStartsIsEndedWithAMessageAndTheRunCompletes() throws Exception {
        // given an analyst's query, in a process of its own, that opened the file first and reads for minutes
        migrated();
        Path answer = home.resolve("query.log");
        ProcessBuilder analyst = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "com.gpuledger.GpuLedgerApplication", "query", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r "
                + "WHERE n < 1000000000) SELECT COUNT(*) FROM r").redirectErrorStream(true).redirectOutput(answer.toFile())
                .directory(home.toFile());
        analyst.environment().put("LEDGER_HOME", home.toString());
        analyst.environment().put("LEDGER_ENV_FILE", Files.writeString(home.resolve("empty.env"), "").toString());
        Process query = analyst.start();
        try {
            for (int wait = 0; wait < 200 && !Files.readString(lockFile()).contains("server="); wait++) {
                Thread.sleep(50);
            }

            // when
            LedgerProcess.Result run = ledger.execute("run");

            // then
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(query.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(query.exitValue()).isEqualTo(1);
            assertThat(Files.readString(answer)).contains("the database was closed under this query: the nightly run took it over")
                    .doesNotContain("Exception");
        } finally {
            query.destroyForcibly();
        }
    }

    private Path lockFile() throws InterruptedException {
        Path lock = home.resolve("data/ledger.lock.db");
        for (int wait = 0; wait < 200 && !Files.exists(lock); wait++) {
            Thread.sleep(50);
        }
        return lock;
    }

    @Test
    void aReaderHoldingTheLeaseRowLockedIsEndedAndTheRunGoesOn(CapturedOutput output) throws Exception {
        // given the reader, straight over JDBC, holding a row lock on the lease
        migrated();
        try (Connection reader = DriverManager.getConnection(url, "ledger_query", readerPassword())) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT * FROM ledger_lease FOR UPDATE")) {
                assertThat(rows.next()).isTrue();
            }

            // when
            LedgerProcess.Result run = ledger.execute("run");

            // then: the lease waits 2 s for the row; the watchdog ends the reader's session within half a second
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(reader.isValid(2)).as("the reader's session").isFalse();
            assertThat(output).contains("ended the session").contains("of the reader ledger_query");
        }
    }

    @Test
    void anExistingDatabaseOpenToOtherUsersIsTightenedAndItsAdminGetsAGeneratedPassword(CapturedOutput output) throws Exception {
        // given a database of an older version: created 0644 in a 0755 folder, its admin sa with the empty password
        Path data = Files.createDirectories(home.resolve("data"));
        DriverManager.getConnection(url, "sa", "").close();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("ledger.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        // when
        migrated();

        // then
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String file : new String[]{"ledger.mv.db", "ledger.query-password", "ledger.owner-password"}) {
            assertThat(Files.getPosixFilePermissions(data.resolve(file))).as(file).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(output).contains("the database's files were open to other OS users").contains("ledger.mv.db (rw-r--r--)")
                .contains("the H2 admin sa of " + data.resolve("ledger") + " had an empty password");
        Path copy = Files.createDirectories(home.resolve("copy")); // another user's copy, opened with the job's settings
        Files.copy(data.resolve("ledger.mv.db"), copy.resolve("ledger.mv.db"), StandardCopyOption.COPY_ATTRIBUTES);
        assertThatThrownBy(() -> DriverManager.getConnection(url.replace("/data/ledger", "/copy/ledger"), "sa", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
        assertThat(TestDatabase.h2(home).jdbc().sql("SELECT COUNT(*) FROM ledger_run").query(Integer.class).single()).isEqualTo(1);

        // and the next run keeps it: no warning, the same password
        String password = Files.readString(data.resolve("ledger.owner-password"));
        int warnings = output.toString().split("open to other OS users").length;
        migrated();
        assertThat(output.toString().split("open to other OS users")).hasSize(warnings);
        assertThat(Files.readString(data.resolve("ledger.owner-password"))).isEqualTo(password);
    }

    @Test
    void aLostAdminPasswordFileIsNamedNeverMadeUp() throws Exception {
        migrated();
        Files.delete(home.resolve("data/ledger.owner-password"));

        LedgerProcess.Result run = ledger.execute("run", FutureDate.refusedRunDate());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(home.resolve("data/ledger.owner-password") + " is missing")
                .contains("restore that file from the backup");
        assertThat(home.resolve("data/ledger.owner-password")).doesNotExist();
    }

    @Test
    void aNewDatabaseIsCreatedTheOwnersAlone() throws Exception {
        migrated();

        assertThat(Files.getPosixFilePermissions(home.resolve("data"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(home.resolve("data"))) {
            assertThat(files).allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                    .isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
        LedgerProcess.Result asOwner = ledger.execute("query", "SELECT COUNT(*) AS runs FROM ledger_run", "--as-owner");
        assertThat(asOwner.exitCode()).as(asOwner.err()).isZero();
    }

    /** A refused date still opens, migrates and records: the reader and the files exist after it. */
    private void migrated() {
        LedgerProcess.Result run = ledger.execute("run", FutureDate.refusedRunDate());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(64);
    }

    private String readerPassword() throws Exception {
        return Files.readString(home.resolve("data/ledger.query-password")).strip();
    }

    /** H2's own console tool in a process of its own, as the reader, waiting for its next statement. */
    private Process analystsShell() throws Exception {
        String h2Jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process shell = new ProcessBuilder("java", "-cp", h2Jar, "org.h2.tools.Shell", "-url", url, "-user", "ledger_query",
                "-password", readerPassword()).redirectErrorStream(true).start();
        OutputStream in = shell.getOutputStream();
        in.write("SELECT 'connected' AS state;\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("connected")) {
                break;
            }
        }
        assertThat(Files.readString(home.resolve("data/ledger.lock.db"))).as("the analyst's process serves the file").contains("server=");
        return shell;
    }

    /** Polls as the reader: an admin session in the analyst's process would count as a job command's. */
    private void waitUntilRunning(CompletableFuture<LedgerProcess.Result> run) throws Exception {
        for (int attempt = 0; attempt < 600 && !run.isDone(); attempt++) {
            try (Connection reader = DriverManager.getConnection(url, "ledger_query", readerPassword());
                 Statement statement = reader.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM ledger_run WHERE outcome = 'RUNNING'")) {
                rows.next();
                if (rows.getInt(1) == 1) {
                    return;
                }
            } catch (SQLException takenOverMeanwhile) {
                // the database changes hands while the run starts
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run never showed as RUNNING: " + (run.isDone() ? run.join().err() : "still starting"));
    }
}
