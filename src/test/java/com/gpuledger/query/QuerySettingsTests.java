package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.BindException;

class QuerySettingsTests {

    @Test
    void withoutVariablesItReadsTheJobsDefaultDatabase() {
        QuerySettings settings = QuerySettings.from(Map.of(), Path.of("/srv/ledger"));

        assertThat(settings.url()).startsWith("jdbc:h2:file:/srv/ledger/data/ledger;").contains("AUTO_SERVER=TRUE");
        assertThat(settings.owner().user()).isEqualTo("sa");
        assertThat(settings.reader()).isNull();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxRows()).isEqualTo(1000);
    }

    @Test
    void variablesWinAndThePasswordNeverPrints() {
        QuerySettings settings = QuerySettings.from(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db/gpu_ledger",
                "SPRING_DATASOURCE_USERNAME", "gpu_ledger", "LEDGER_QUERY_USERNAME", "gpu_ledger_query",
                "LEDGER_QUERY_PASSWORD", "s3cret-PLANTED", "LEDGER_QUERY_TIMEOUT", "2m", "LEDGER_QUERY_MAX_ROWS", "50"), Path.of("/x"));

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db/gpu_ledger");
        assertThat(settings.reader().user()).isEqualTo("gpu_ledger_query");
        assertThat(settings.reader().password()).isEqualTo("s3cret-PLANTED");
        assertThat(settings.toString()).doesNotContain("s3cret-PLANTED");
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.maxRows()).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource({"60s, 60000", "90, 90000", "1500ms, 1500", "2m, 120000", "1h, 3600000", " 5S , 5000"})
    void timeoutsBindAsTheJobBindsDurations(String text, long millis) {
        assertThat(QuerySettings.from(Map.of("LEDGER_QUERY_TIMEOUT", text), Path.of("/x")).timeout().toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "-5s", "soon", "5 minutes"})
    void aTimeoutThatIsNoneIsAConfigurationError(String text) {
        assertThatThrownBy(() -> QuerySettings.from(Map.of("LEDGER_QUERY_TIMEOUT", text), Path.of("/x")))
                .isInstanceOf(BindException.class).hasMessageContaining("ledger.query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "many"})
    void aRowLimitBelowOneIsAConfigurationError(String text) {
        assertThatThrownBy(() -> QuerySettings.from(Map.of("LEDGER_QUERY_MAX_ROWS", text), Path.of("/x")))
                .isInstanceOf(BindException.class).hasMessageContaining("ledger.query");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:file:/srv/l/data/ledger;MODE=PostgreSQL;AUTO_SERVER=TRUE | /srv/l/data/ledger",
            "jdbc:h2:/srv/l/other                                            | /srv/l/other",
            "jdbc:h2:mem:test                                                |",
            "jdbc:h2:tcp://host/~/ledger                                     |",
            "jdbc:postgresql://db/gpu_ledger                                 |",
    })
    void theH2FileAUrlNames(String url, String path) {
        assertThat(com.gpuledger.database.H2Files.databasePath(url)).isEqualTo(java.util.Optional.ofNullable(path).map(Path::of));
    }
}
