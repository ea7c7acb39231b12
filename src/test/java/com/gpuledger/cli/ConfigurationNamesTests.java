package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.gpuledger.support.LedgerProcess;

/** Every name the configuration metadata knows, misspelt once, is refused naming it and the name meant. */
class ConfigurationNamesTests {

    private static final ConfigurationNames NAMES = ConfigurationNames.fromClasspath();

    @TempDir
    Path home;

    @TempDir
    static Path shared;

    /** Every {@code LEDGER_*} and {@code SPRING_*} spelling of the metadata's properties, this jar's and Spring Boot's. */
    static Stream<String> checkedNames() {
        return NAMES.names().stream().filter(name -> name.startsWith("LEDGER_") || name.startsWith("SPRING_"));
    }

    /** The operator's commonest slip: the last two letters swapped ({@code SPRING_DATASOURCE_URL}: {@code ..._ULR}). */
    static String misspelt(String name) {
        int last = name.length() - 1;
        while (last > 0 && (name.charAt(last) == name.charAt(last - 1) || name.charAt(last - 1) == '_')) {
            last--;
        }
        return name.substring(0, last - 1) + name.charAt(last) + name.charAt(last - 1) + name.substring(last + 1);
    }

    @ParameterizedTest
    @MethodSource("checkedNames")
    void everyKnownNameMisspeltOnceIsRefusedNamingIt(String name) {
        // given
        String typo = misspelt(name);
        assertThat(NAMES.knows(name)).isTrue();

        // when
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new LedgerCommandLine(Map.of("LEDGER_HOME", shared.toString(), typo, "1"), shared.resolve("no-system.env"),
                shared, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("query", "SELECT 1");

        // then: a usage exit, one line naming the typo and a name at one edit from it: this one, or as near
        String line = err.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isEqualTo(64);
        assertThat(line).matches("gpu-ledger: " + typo + ": unknown; did you mean [A-Z0-9_]+\\?\n");
        String suggested = line.substring(line.indexOf("did you mean ") + 13, line.length() - 2);
        assertThat(ConfigurationNames.distance(typo, suggested)).isEqualTo(1);
        assertThat(NAMES.knows(suggested)).isTrue();
        assertThat(shared.resolve("data")).doesNotExist();
    }

    @Test
    void theIssuesTypoNamesTheUrl() {
        LedgerProcess.Result result = new LedgerProcess(home).with("SPRING_DATASOURCE_ULR", "jdbc:postgresql://db/gpu_ledger")
                .with("LEDGER_API_TOKEN", "t").execute("run", "--date=2026-12-07");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).isEqualTo("gpu-ledger: SPRING_DATASOURCE_ULR: unknown; did you mean SPRING_DATASOURCE_URL?\n");
        assertThat(home.resolve("data")).doesNotExist();
        assertThat(home.resolve("metrics")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH", "SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE",
            "LEDGER_FETCH_RATE_LIMIT", "LEDGER_FETCH_RATELIMIT", "SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT",
            "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "LEDGER_MAIL_TO_0", "LEDGER_HOME", "LEDGER_ENV_FILE",
            "LEDGER_API_TOKEN_FILE", "LEDGER_LOG_DIR", "LEDGER_REPORT_RETENTION_DAYS", "LEDGER_LOG_RETENTION_DAYS", "LEDGER_JAR",
            "LEDGER_JAVA_OPTS", "LEDGER_CDS", "LEDGER_LOG_FORMAT", "LEDGER_TEST_PG_URL", "LEDGER_QUERY_MAX_ROWS"})
    void namesOfTheReadmeAreKnown(String name) {
        assertThat(NAMES.knows(name)).isTrue();
    }

    @Test
    void aMapIsAPrefixOnlyBeyondItsOwnName() {
        assertThat(NAMES.knows("SPRING_MAIL_PROPERTIESX")).isFalse();
        assertThat(NAMES.knows("SPRING_MAIL_PROPERTIES_ANYTHING")).isTrue();
    }

    @Test
    void otherVariablesAreNotOurs() {
        LedgerProcess.Result result = new LedgerProcess(home).with("LEDGERX", "1").with("JAVA_HOME", "/x").with("PATH", "/bin")
                .execute("query", "--schema");

        assertThat(result.err()).doesNotContain("unknown;");
    }
}
