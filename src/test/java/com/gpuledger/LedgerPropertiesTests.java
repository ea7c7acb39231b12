package com.gpuledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

class LedgerPropertiesTests {

    @Test
    void theContractsVariableNamesBind() {
        LedgerProperties properties = bind(Map.of(
                "LEDGER_HOME", "/srv/ledger",
                "LEDGER_API_URL", "http://127.0.0.1:8089/api/v1",
                "LEDGER_FETCH_CONCURRENCY", "32",
                "LEDGER_FETCH_RATE_LIMIT", "12.5",
                "LEDGER_FETCH_ATTEMPTS", "3",
                "LEDGER_PAGE_SIZE", "250",
                "LEDGER_TIMEZONE", "Europe/Berlin",
                "LEDGER_API_READ_TIMEOUT", "2s",
                "LEDGER_REPORTS_DIR", "/srv/reports",
                "LEDGER_ACCOUNT_NAME", "Research"));

        assertThat(properties.api().url()).isEqualTo("http://127.0.0.1:8089/api/v1");
        assertThat(properties.fetch().concurrency()).isEqualTo(32);
        assertThat(properties.fetch().rateLimit()).isEqualTo(12.5);
        assertThat(properties.fetch().attempts()).isEqualTo(3);
        assertThat(properties.pageSize()).isEqualTo(250);
        assertThat(properties.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(properties.api().readTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.reportsDir()).isEqualTo(Path.of("/srv/reports"));
        assertThat(properties.account().name()).isEqualTo("Research");
    }

    @Test
    void defaultsAreTheContracts() {
        LedgerProperties properties = bind(Map.of("LEDGER_HOME", "/srv/ledger"));

        assertThat(properties.api().url()).isEqualTo("https://api.nebulablock.com/api/v1");
        assertThat(properties.timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(properties.fetch().concurrency()).isEqualTo(8);
        assertThat(properties.fetch().rateLimit()).isZero();
        assertThat(properties.fetch().attempts()).isEqualTo(5);
        assertThat(properties.pageSize()).isEqualTo(100);
        assertThat(properties.reportsDir()).isEqualTo(Path.of("/srv/ledger/reports"));
        assertThat(properties.api().requestDeadline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.api().maxBody()).isEqualTo(DataSize.ofMegabytes(4));
    }

    @Test
    void boundsBindFromTheEnvironmentAndMustBePositive() {
        LedgerProperties properties = bind(Map.of("LEDGER_HOME", "/x", "LEDGER_API_REQUEST_DEADLINE", "2s",
                "LEDGER_API_MAX_BODY", "512KB"));

        assertThat(properties.api().requestDeadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.api().maxBody()).isEqualTo(DataSize.ofKilobytes(512));
        assertThatThrownBy(() -> bind(Map.of("LEDGER_HOME", "/x", "LEDGER_API_REQUEST_DEADLINE", "0s")))
                .hasStackTraceContaining("requestDeadline").hasStackTraceContaining("must be more than 0");
        assertThatThrownBy(() -> bind(Map.of("LEDGER_HOME", "/x", "LEDGER_API_MAX_BODY", "0B")))
                .hasStackTraceContaining("LEDGER_API_MAX_BODY must be between");
    }

    @Test
    void theTokenNeverShowsInToString() {
        LedgerProperties properties = bind(Map.of("LEDGER_HOME", "/x", "LEDGER_API_TOKEN", "planted-token-not-a-key"));

        assertThat(properties.api().token()).isEqualTo("planted-token-not-a-key");
        assertThat(properties.toString()).doesNotContain("planted-token-not-a-key");
    }

    private static LedgerProperties bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("ledger", Bindable.of(LedgerProperties.class), LedgerEnvironment.validating());
    }
}
