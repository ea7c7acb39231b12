package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

/** Issue 21's table on H2: a production database named in the environment file, and each mistake as one line. */
class ConfigurationMistakesFunctionalTests extends ConfigurationMistakeScenarios {

    @Override
    TestDatabase database(Path home) {
        String url = "jdbc:h2:file:" + home.resolve("production/ledger")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        return new TestDatabase() {
            @Override
            public Map<String, String> environment() {
                return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "sa", "SPRING_DATASOURCE_PASSWORD", "");
            }

            @Override
            public DataSource dataSource() {
                // the job gives its H2 admin a generated password on the first run and keeps it beside the database
                return TestDatabase.h2Owner(url, home.resolve("production/ledger"));
            }
        };
    }

    @Test
    void anApiUrlWithoutItsPathNamesTheUrlAndTheVariable() throws IOException {
        String base = simulator.baseUrl().replace("/api/v1", "");

        int exitCode = run(Map.of("LEDGER_API_URL", base)).exitCode();

        assertThat(exitCode).isEqualTo(1);
        assertThat(lastMessage()).isEqualTo("the provider has no instance list at " + base + "/computing/instances (HTTP 404):"
                + " LEDGER_API_URL=" + base + " must be the API's base, which ends in /api/v1 (https://api.nebulablock.com/api/v1);"
                + " nothing was captured by this run");
    }

    @Test
    void aMalformedApiUrlIsAConfigurationErrorNeverRetried() throws IOException {
        String url = simulator.baseUrl().replace("http://", "htps://");

        LedgerProcess.Result result = run(Map.of("LEDGER_API_URL", url));

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).isEqualTo("gpu-ledger: LEDGER_API_URL=" + url
                + ": must be an http:// or https:// URL such as https://api.nebulablock.com/api/v1\n");
    }

    @Test
    void aRefusedConnectionNamesHostAndPort() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/api/v1";

        int exitCode = run(Map.of("LEDGER_API_URL", url, "LEDGER_FETCH_ATTEMPTS", "2", "LEDGER_FETCH_BACKOFF", "10ms")).exitCode();

        assertThat(exitCode).isEqualTo(1);
        assertThat(lastMessage()).isEqualTo("nothing answers at 127.0.0.1:" + closed + " (connection refused, 2 attempts): check"
                + " LEDGER_API_URL=" + url + " (host and port); nothing was captured by this run");
    }

    @Test
    void aRefusedTokenSaysNothingWasCaptured() throws IOException {
        // when: the same date again (a refresh), the token mistyped
        int exitCode = run(Map.of("LEDGER_API_TOKEN", "not-the-token")).exitCode();

        // then: not the counts of the night before
        assertThat(exitCode).isEqualTo(1);
        assertThat(lastMessage()).startsWith("the provider refused the API token (HTTP 401").endsWith("; nothing was captured by this run");
        assertThat(database.jdbc().sql("SELECT captured_count FROM ledger_run ORDER BY run_id DESC LIMIT 1").query().singleRow())
                .containsEntry("captured_count", null);
    }

    @Test
    void queryWithoutAnEnvironmentFileNamesWhatItLookedForAndWhichVariableSetsIt(@TempDir Path elsewhere) {
        LedgerProcess.Result result = new LedgerProcess(elsewhere).execute("query", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).isEqualTo("gpu-ledger: no database at " + elsewhere.resolve("data/ledger.mv.db")
                + " (SPRING_DATASOURCE_URL, default data/ledger under LEDGER_HOME): set them as the job has them,"
                + " e.g. LEDGER_ENV_FILE=/etc/gpu-ledger.env\n");
    }

    @Test
    void aValueAgainstItsConstraintNamesTheVariableAndTheRule() throws IOException {
        LedgerProcess.Result result = run(Map.of("LEDGER_RUN_DEADLINE", "0s", "LEDGER_FETCH_CONCURRENCY", "8"));

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).isEqualTo("gpu-ledger: LEDGER_RUN_DEADLINE=0s: must be more than 0\n");
    }

    @Test
    void debugAddsTheTraceToTheLine() throws IOException {
        String url = simulator.baseUrl().replace("http://", "htps://");
        writeEnvFile(with(Map.of("LEDGER_API_URL", url)));

        LedgerProcess.Result result = ledger().execute("--debug", "run", "--date=" + D);

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).startsWith("gpu-ledger: LEDGER_API_URL=" + url).contains("\tat org.springframework.boot");
    }

    private LedgerProcess.Result run(Map<String, String> changes) throws IOException {
        writeEnvFile(with(changes));
        LedgerProcess.Result result = ledger().execute("run", "--date=" + D);
        assertThat(result.err()).doesNotContain("\tat ");
        return result;
    }

    private Map<String, String> with(Map<String, String> changes) {
        Map<String, String> variables = new LinkedHashMap<>(production);
        variables.putAll(changes);
        return variables;
    }

    private String lastMessage() {
        return database.jdbc().sql("SELECT message FROM ledger_run ORDER BY run_id DESC LIMIT 1").query(String.class).single();
    }
}
