package com.gpuledger.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.convert.DurationStyle;

import com.gpuledger.run.UsageException;

/**
 * What {@code query} reads of the configuration, without starting Spring: the effective environment (contracts
 * section 2) over the defaults of {@code application.properties}.
 *
 * @param url      {@code SPRING_DATASOURCE_URL}, default the H2 file under {@code LEDGER_HOME}
 * @param owner    the job's login ({@code SPRING_DATASOURCE_USERNAME} / {@code _PASSWORD}), used only with --as-owner
 * @param reader   {@code LEDGER_QUERY_USERNAME} / {@code _PASSWORD}, null when unset
 * @param timeout  {@code LEDGER_QUERY_TIMEOUT}, default 60 s
 * @param maxRows  {@code LEDGER_QUERY_MAX_ROWS}, rows the table format prints, default 1000 (csv prints all)
 */
public record QuerySettings(String url, Login owner, Login reader, Duration timeout, int maxRows) {

    /** A database login; its password never appears in {@link #toString()}. */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return user + " (password " + (password == null || password.isEmpty() ? "empty" : "set") + ")";
        }
    }

    public static QuerySettings from(Map<String, String> environment, Path home) {
        Properties defaults = applicationProperties();
        String url = value(environment, "spring.datasource.url", defaults.getProperty("spring.datasource.url"))
                .replace("${ledger.home}", home.toString());
        Login owner = new Login(value(environment, "spring.datasource.username", defaults.getProperty("spring.datasource.username", "")),
                value(environment, "spring.datasource.password", defaults.getProperty("spring.datasource.password", "")));
        String readerUser = value(environment, "ledger.query.username", "");
        Login reader = readerUser.isBlank() ? null : new Login(readerUser.strip(), value(environment, "ledger.query.password", ""));
        return new QuerySettings(url, owner, reader, timeout(value(environment, "ledger.query.timeout", "60s")),
                maxRows(value(environment, "ledger.query.max-rows", "1000")));
    }

    /** {@code ledger.query.max-rows} is read from {@code LEDGER_QUERY_MAX_ROWS} (or the property itself). */
    private static String value(Map<String, String> environment, String property, String fallback) {
        String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        String value = environment.get(variable);
        if (value == null) {
            value = environment.get(property);
        }
        return value == null ? fallback : value;
    }

    /** {@code 60s}, {@code 2m}, {@code 1500ms}, {@code PT1M}, or a bare number of seconds: Spring Boot's own duration rules. */
    static Duration timeout(String text) {
        Duration timeout;
        try {
            timeout = DurationStyle.detectAndParse(text.strip(), ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw new UsageException("LEDGER_QUERY_TIMEOUT is a duration like 60s, 2m or 1500ms, was " + text);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new UsageException("LEDGER_QUERY_TIMEOUT must be more than 0, was " + text);
        }
        return timeout;
    }

    private static int maxRows(String text) {
        try {
            int rows = Integer.parseInt(text.strip());
            if (rows < 1) {
                throw new NumberFormatException();
            }
            return rows;
        } catch (NumberFormatException e) {
            throw new UsageException("LEDGER_QUERY_MAX_ROWS must be a whole number of at least 1, was " + text);
        }
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = QuerySettings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        return properties;
    }
}
