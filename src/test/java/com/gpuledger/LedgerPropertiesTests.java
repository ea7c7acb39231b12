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

import com.gpuledger.provider.ProviderProperties;
import com.gpuledger.report.ReportProperties;

class LedgerPropertiesTests {

    @Test
    void theContractsVariableNamesBind() {
        Map<String, Object> variables = Map.of(
                "LEDGER_HOME", "/srv/ledger",
                "LEDGER_API_URL", "http://127.0.0.1:8089/api/v1",
                "LEDGER_FETCH_CONCURRENCY", "32",
                "LEDGER_FETCH_RATE_LIMIT", "12.5",
                "LEDGER_FETCH_ATTEMPTS", "3",
                "LEDGER_PAGE_SIZE", "250",
                "LEDGER_TIMEZONE", "Europe/Berlin",
                "LEDGER_API_READ_TIMEOUT", "2s",
                "LEDGER_REPORTS_DIR", "/srv/reports",
                "LEDGER_ACCOUNT_NAME", "Research");
        LedgerProperties properties = bind(variables);
        ProviderProperties provider = provider(variables);

        assertThat(provider.api().url()).isEqualTo("http://127.0.0.1:8089/api/v1");
        assertThat(provider.fetch().concurrency()).isEqualTo(32);
        assertThat(provider.fetch().rateLimit()).isEqualTo(12.5);
        assertThat(provider.fetch().attempts()).isEqualTo(3);
        assertThat(provider.pageSize()).isEqualTo(250);
        assertThat(properties.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(provider.api().readTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(reports(variables).dirUnder(properties.home())).isEqualTo(Path.of("/srv/reports"));
        assertThat(properties.account().name()).isEqualTo("Research");
    }

    @Test
    void defaultsAreTheContracts() {
        Map<String, Object> variables = Map.of("LEDGER_HOME", "/srv/ledger");
        LedgerProperties properties = bind(variables);
        ProviderProperties provider = provider(variables);

        assertThat(provider.api().url()).isEqualTo("https://api.nebulablock.com/api/v1");
        assertThat(properties.timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(provider.fetch().concurrency()).isEqualTo(8);
        assertThat(provider.fetch().rateLimit()).isZero();
        assertThat(provider.fetch().attempts()).isEqualTo(5);
        assertThat(provider.pageSize()).isEqualTo(100);
        assertThat(reports(variables).dirUnder(properties.home())).isEqualTo(Path.of("/srv/ledger/reports"));
        assertThat(provider.api().requestDeadline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(provider.api().maxBody()).isEqualTo(DataSize.ofMegabytes(4));
        assertThat(properties.run().deadline()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void boundsBindFromTheEnvironmentAndMustBePositive() {
        ProviderProperties properties = provider(Map.of("LEDGER_HOME", "/x", "LEDGER_API_REQUEST_DEADLINE", "2s",
                "LEDGER_API_MAX_BODY", "512KB"));

        assertThat(properties.api().requestDeadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.api().maxBody()).isEqualTo(DataSize.ofKilobytes(512));
        assertThatThrownBy(() -> provider(Map.of("LEDGER_HOME", "/x", "LEDGER_API_REQUEST_DEADLINE", "0s")))
                .hasStackTraceContaining("requestDeadline").hasStackTraceContaining("must be more than 0");
        assertThatThrownBy(() -> provider(Map.of("LEDGER_HOME", "/x", "LEDGER_API_MAX_BODY", "0B")))
                .hasStackTraceContaining("LEDGER_API_MAX_BODY must be between");
    }

    @Test
    void theTokenNeverShowsInToString() {
        ProviderProperties properties = provider(Map.of("LEDGER_HOME", "/x", "LEDGER_API_TOKEN", "planted-token-not-a-key"));

        assertThat(properties.api().token()).isEqualTo("planted-token-not-a-key");
        assertThat(properties.toString()).doesNotContain("planted-token-not-a-key");
    }

    private static LedgerProperties bind(Map<String, Object> variables) {
        return bind("ledger", LedgerProperties.class, variables);
    }

    private static ProviderProperties provider(Map<String, Object> variables) {
        return bind("ledger", ProviderProperties.class, variables);
    }

    private static ReportProperties reports(Map<String, Object> variables) {
        return bind("ledger.reports", ReportProperties.class, variables);
    }

    private static <T> T bind(String prefix, Class<T> type, Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate(prefix, Bindable.of(type), LedgerEnvironment.validating());
    }
}
