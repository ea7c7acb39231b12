package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Issue 21's production mistakes, on a production set up as the README says: a database named in an environment
 * file, reports published and mailed to finance. A typo in any datasource variable is exit 64 with one line, and
 * leaves the database, the published reports and the delivery record as they were; so does a refused login.
 */
abstract class ConfigurationMistakeScenarios {

    static final LocalDate D = LocalDate.parse("2026-03-10");

    @TempDir
    Path home;
    ProviderSimulator simulator;
    GreenMail smtp;
    TestDatabase database;
    Path envFile;
    Map<String, String> production;

    abstract TestDatabase database(Path home);

    @BeforeEach
    void publishANight() throws IOException {
        simulator = new ProviderSimulator(SimulatorSettings.defaults(5, 20, Instant.parse("2026-03-11T07:00:00Z")));
        simulator.start(0);
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        database = database(home);
        production = new LinkedHashMap<>(database.environment());
        production.put("LEDGER_API_URL", simulator.baseUrl());
        production.put("LEDGER_API_TOKEN", "demo");
        production.put("LEDGER_REPORTS_DIR", home.resolve("published").toString());
        production.put("SPRING_MAIL_HOST", "127.0.0.1");
        production.put("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()));
        production.put("LEDGER_MAIL_FROM", "gpu-ledger@example.com");
        production.put("LEDGER_MAIL_TO", "finance@example.com");
        envFile = home.resolve("gpu-ledger.env");
        writeEnvFile(production);
        LedgerProcess.Result night = ledger().execute("run", "--date=" + D);
        assertThat(night.exitCode()).as(night.err()).isIn(0, 3);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @AfterEach
    void stop() {
        smtp.stop();
        simulator.close();
    }

    /** Every datasource variable the production file sets, misspelt once, then the run of the same date again. */
    @Test
    void aTypoInAnyDatasourceVariableTouchesNothing() throws IOException {
        List<String> datasourceVariables = Stream.concat(production.keySet().stream().filter(name -> name.startsWith("SPRING_DATASOURCE_")),
                Stream.of("SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT")).toList();
        for (String variable : datasourceVariables) {
            // given: what finance has, and the file with the typo
            Map<String, String> before = published();
            Map<String, String> mistaken = new LinkedHashMap<>(production);
            String typo = ConfigurationNamesTests.misspelt(variable);
            mistaken.put(typo, mistaken.containsKey(variable) ? mistaken.remove(variable) : "1000");
            writeEnvFile(mistaken);

            // when
            LedgerProcess.Result result = ledger().execute("run", "--date=" + D);

            // then: one line naming the typo and the name meant; nothing written, mailed or created
            assertThat(result.exitCode()).isEqualTo(64);
            assertThat(result.err()).isEqualTo("gpu-ledger: " + typo + ": unknown; did you mean " + variable + "?\n");
            assertThat(published()).isEqualTo(before);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(home.resolve("data")).doesNotExist();
        }
    }

    @Test
    void aRefusedLoginIsOneLineNamingTheDatabaseTheUserAndTheVariables() throws IOException {
        // given
        Map<String, String> before = published();
        Map<String, String> mistaken = new LinkedHashMap<>(production);
        // (a user that does not exist: the tests' PostgreSQL may trust any password)
        mistaken.put("SPRING_DATASOURCE_USERNAME", "not_the_user");
        mistaken.put("SPRING_DATASOURCE_PASSWORD", "not-the-password");
        writeEnvFile(mistaken);

        // when
        LedgerProcess.Result result = ledger().execute("run", "--date=" + D);

        // then
        String url = production.get("SPRING_DATASOURCE_URL");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("gpu-ledger: the database " + url.split("[?;]")[0] + " refused the login "
                        + "not_the_user (")
                .endsWith("): check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD\n")
                .doesNotContain("not-the-password").hasLineCount(1);
        assertThat(published()).isEqualTo(before);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aDatasourceWithoutItsUrlRefusesTheH2Default() throws IOException {
        // given: the URL line lost (commented out), the rest of the login still there
        Map<String, String> before = published();
        Map<String, String> mistaken = new LinkedHashMap<>(production);
        mistaken.remove("SPRING_DATASOURCE_URL");
        mistaken.put("SPRING_DATASOURCE_USERNAME", production.getOrDefault("SPRING_DATASOURCE_USERNAME", "sa"));
        writeEnvFile(mistaken);

        // when
        LedgerProcess.Result result = ledger().execute("run", "--date=" + D);

        // then: the first of them named
        String first = mistaken.keySet().stream().filter(name -> name.startsWith("SPRING_DATASOURCE_")).sorted().findFirst().orElseThrow();
        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).isEqualTo("gpu-ledger: " + first + " is set but SPRING_DATASOURCE_URL is not: set"
                + " SPRING_DATASOURCE_URL to the database it is for (the H2 default is used only when no database variable is set)\n");
        assertThat(published()).isEqualTo(before);
        assertThat(home.resolve("data")).doesNotExist();
    }

    LedgerProcess ledger() {
        return new LedgerProcess(home).with("LEDGER_ENV_FILE", envFile.toString());
    }

    void writeEnvFile(Map<String, String> variables) throws IOException {
        Files.writeString(envFile, variables.entrySet().stream().map(variable -> variable.getKey() + "=" + variable.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
    }

    /** What finance and the auditors rely on: every run, snapshot, cost and delivery row, and every published file. */
    Map<String, String> published() throws IOException {
        Map<String, String> state = new TreeMap<>();
        JdbcClient jdbc = database.jdbc();
        for (String table : List.of("ledger_run", "instance_snapshot", "daily_instance_cost", "report_delivery")) {
            state.put(table, jdbc.sql("SELECT * FROM " + table).query().listOfRows().stream()
                    .map(row -> new TreeMap<>(row).toString()).sorted().collect(Collectors.joining("\n")));
        }
        try (Stream<Path> files = Files.walk(home.resolve("published"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                state.put(home.relativize(file).toString(), sha256(file));
            }
        }
        return state;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
