package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.TestDatabase;

/** scripts/nightly.sh for real, as cron runs it: the packaged jar in a child process. */
class NightlyScriptIntegrationTests {

    static final Path SCRIPT = Path.of("scripts/nightly.sh").toAbsolutePath();

    @TempDir
    Path home;

    /**
     * The script names its log by its own date in New York, taken when it starts: a test that started before midnight
     * there reads the logs dated from its start on, never the clock's date at the moment it reads.
     */
    private final LocalDate started = LocalDate.now(ZoneId.of("America/New_York"));

    @Test
    void aSecondInvocationExitsAtOnceWhileTheFirstCompletes() throws Exception {
        // given: a provider slow enough that the fetch lasts several seconds, longer than a query's JVM takes to start
        // on a busy machine
        try (ProviderSimulator simulator = new ProviderSimulator(SimulatorSettings.defaults(3, 150, Instant.now()).withLatencyMs(40))) {
            simulator.start(0);
            Map<String, String> env = environment(simulator);
            env.put("LEDGER_FETCH_CONCURRENCY", "1");

            // when
            Process first = start(env);
            waitForLock();
            long before = System.nanoTime();
            Process second = start(env);
            boolean secondEnded = second.waitFor(20, TimeUnit.SECONDS);
            long secondMillis = (System.nanoTime() - before) / 1_000_000;
            // an analyst reads the database the running job holds
            waitFor(home.resolve("logs"), "fetching ");
            Process query = new ProcessBuilder("java", "-jar", env.get("LEDGER_JAR"), "query", "SELECT outcome FROM ledger_run")
                    .directory(home.toFile()).redirectErrorStream(true).start();
            String answer = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(query.waitFor()).as(answer).isZero();
            assertThat(answer).contains("RUNNING");
            // and one tries to end the job's sessions: query's allow-list refuses it (and H2 the reader: QueryReaderScenarios)
            for (String attack : new String[]{"SELECT ABORT_SESSION(\"X\") FROM SYSTEM_RANGE(1, 200)",
                    "SELECT CANCEL_SESSION(\"X\") FROM SYSTEM_RANGE(1, 200)"}) {
                Process kill = new ProcessBuilder("java", "-jar", env.get("LEDGER_JAR"), "query", attack)
                        .directory(home.toFile()).redirectErrorStream(true).start();
                String refused = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(kill.waitFor()).as(refused).isEqualTo(64);
                assertThat(refused).contains("query refused: the function");
            }
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();

            // then
            assertThat(secondEnded).isTrue();
            assertThat(second.exitValue()).isEqualTo(75);
            assertThat(new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("another nightly run holds");
            assertThat(secondMillis).as("the second invocation never starts Java").isLessThan(5_000);
            assertThat(first.exitValue()).as(output(first)).isZero();
            JdbcClient jdbc = database();
            assertThat(jdbc.sql("SELECT outcome FROM ledger_run").query(String.class).list()).containsExactly("SUCCEEDED");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single())
                    .isEqualTo(jdbc.sql("SELECT captured_count FROM ledger_run").query(Integer.class).single());
            assertThat(logsSinceStart(home.resolve("logs"))).contains("finished: exit 0");
        }
    }

    @Test
    void environmentFilesRetentionAndExitCodes() throws Exception {
        // given: ./.env sets two things, the process environment overrides one of them
        Files.writeString(home.resolve(".env"), """
                # read by the script and by the jar
                LEDGER_LOG_DIR=%s
                export LEDGER_REPORT_RETENTION_DAYS="10"
                LEDGER_API_URL=http://127.0.0.1:9/api/v1
                """.formatted(home.resolve("logs-from-dotenv")));
        Path reports = home.resolve("reports");
        Files.createDirectories(reports.resolve("2000-01-01"));
        Files.createDirectories(reports.resolve("2000-01"));
        String today = started.toString();
        Files.createDirectories(reports.resolve(today));
        Files.createDirectories(home.resolve("process-logs"));
        Files.writeString(home.resolve("process-logs/gpu-ledger-2000-01-01.log"), "old");
        Map<String, String> env = baseEnvironment();
        env.put("LEDGER_LOG_DIR", home.resolve("process-logs").toString());

        // when: no token
        Process noToken = start(env);
        noToken.waitFor(60, TimeUnit.SECONDS);

        // then: the jar's usage error passes through; the process variable won; old files went, recent ones stayed
        assertThat(noToken.exitValue()).as(output(noToken)).isEqualTo(64);
        assertThat(logsSinceStart(home.resolve("process-logs"))).contains("no API token");
        assertThat(home.resolve("logs-from-dotenv")).doesNotExist();
        assertThat(reports.resolve("2000-01-01")).doesNotExist();
        assertThat(reports.resolve("2000-01")).doesNotExist();
        assertThat(reports.resolve(today)).exists();
        assertThat(home.resolve("process-logs/gpu-ledger-2000-01-01.log")).doesNotExist();

        // when: a token, but the API of .env is unreachable
        env.put("LEDGER_API_TOKEN", "t");
        env.put("LEDGER_FETCH_ATTEMPTS", "1");
        Process unreachable = start(env);
        unreachable.waitFor(60, TimeUnit.SECONDS);

        // then
        assertThat(unreachable.exitValue()).as(output(unreachable)).isEqualTo(1);

        // when: LEDGER_ENV_FILE names a file that is not there
        env.put("LEDGER_ENV_FILE", home.resolve("missing.env").toString());
        Process missing = start(env);
        missing.waitFor(20, TimeUnit.SECONDS);

        // then
        assertThat(missing.exitValue()).isEqualTo(64);
    }

    @Test
    void aMistakeInTheEnvironmentFileStopsItBeforeAnythingStarts() throws Exception {
        Map<String, String> env = baseEnvironment();
        Path file = home.resolve("gpu-ledger.env");
        env.put("LEDGER_ENV_FILE", file.toString());
        Map<String, String> mistakes = Map.of(
                "SPRING_DATASOURCE_ULR=jdbc:postgresql://db/gpu_ledger\n", "gpu-ledger: SPRING_DATASOURCE_ULR: unknown; did you mean SPRING_DATASOURCE_URL?",
                "=value\n", "gpu-ledger: " + file + " line 1 is not NAME=value",
                "LEDGER_ACCOUNT_NAME=Caf\u00e9\n", "gpu-ledger: " + file + " line 1 is not UTF-8: save the file as UTF-8");
        for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
            // given: the mistake (the accent written in Latin-1, as an editor might save it)
            Files.write(file, mistake.getKey().getBytes(StandardCharsets.ISO_8859_1));

            // when
            Process nightly = start(env);
            nightly.waitFor(60, TimeUnit.SECONDS);

            // then: exit 64 and the one line, no log, no lock, no database
            assertThat(nightly.exitValue()).isEqualTo(64);
            assertThat(new String(nightly.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(mistake.getValue() + "\n");
            assertThat(home.resolve("data")).doesNotExist();
            assertThat(home.resolve("logs")).doesNotExist();
        }
    }

    @Test
    void anEnvironmentFileItsUserCannotReadStopsIt() throws Exception {
        // given: the file is its owner's alone, and the script runs as another user (nobody, when the tests run as root)
        Path file = home.resolve("gpu-ledger.env");
        Files.writeString(file, "LEDGER_LOG_DIR=" + home.resolve("logs-from-file") + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Map<String, String> env = baseEnvironment();
        env.put("LEDGER_ENV_FILE", file.toString());
        List<String> command = new ArrayList<>(root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of());
        command.addAll(List.of("bash", SCRIPT.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);

        // when
        Process nightly = builder.start();
        nightly.waitFor(60, TimeUnit.SECONDS);

        // then: exit 64 naming the file and the user; it did not carry on with defaults
        String user = root ? "nobody" : System.getProperty("user.name");
        assertThat(nightly.exitValue()).isEqualTo(64);
        assertThat(new String(nightly.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("gpu-ledger: cannot read the environment file "
                + file + " as the user " + user + " (AccessDeniedException): make it readable by that user, or run as its owner\n");
        assertThat(home.resolve("data")).doesNotExist();
        assertThat(home.resolve("logs")).doesNotExist();
    }

    private Map<String, String> environment(ProviderSimulator simulator) {
        Map<String, String> env = baseEnvironment();
        env.put("LEDGER_API_URL", simulator.baseUrl());
        env.put("LEDGER_API_TOKEN", "demo");
        return env;
    }

    private Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (!name.startsWith("LEDGER_") && !name.startsWith("SPRING_")) {
                env.put(name, value);
            }
        });
        env.put("LEDGER_HOME", home.toString());
        env.put("LEDGER_JAR", Path.of("target/gpu-ledger.jar").toAbsolutePath().toString());
        return env;
    }

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).directory(home.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The first invocation holds the flock once the lock file exists and cannot be taken. */
    private void waitForLock() throws Exception {
        Path lock = home.resolve("data/nightly.lock");
        for (int i = 0; i < 200; i++) {
            if (Files.exists(lock)) {
                Process probe = new ProcessBuilder("flock", "-n", lock.toString(), "true").start();
                if (probe.waitFor() != 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first invocation never took the lock");
    }

    private void waitFor(Path logs, String text) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(logs) && logsSinceStart(logs).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the log never said '" + text + "'");
    }

    /** The script's logs dated from the test's start on, oldest first (two when a run crossed midnight). */
    private String logsSinceStart(Path logs) throws IOException {
        String first = "gpu-ledger-" + started + ".log";
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.startsWith("gpu-ledger-") && name.endsWith(".log") && name.compareTo(first) >= 0)
                    .sorted().map(logs::resolve).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private JdbcClient database() {
        return JdbcClient.create(TestDatabase.h2Owner(
                "jdbc:h2:file:" + home.resolve("data/ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE",
                home.resolve("data/ledger")));
    }
}
