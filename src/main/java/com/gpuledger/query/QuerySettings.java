package com.gpuledger.query;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.gpuledger.LedgerEnvironment;

/**
 * What {@code query} reads of the configuration, without starting Spring: bound by Spring's {@link Binder} from the
 * effective environment (contracts section 2) over the defaults of {@code application.properties}, as the job binds.
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
        Binder binder = LedgerEnvironment.binder(environment, Map.of("ledger.home", home.toString()));
        DataSource dataSource = binder.bindOrCreate("spring.datasource", DataSource.class);
        QueryProperties query = binder.bindOrCreate("ledger.query", Bindable.of(QueryProperties.class), LedgerEnvironment.validating());
        Login reader = query.username() == null || query.username().isBlank() ? null
                : new Login(query.username().strip(), query.password() == null ? "" : query.password());
        return new QuerySettings(dataSource.url(), new Login(dataSource.username(), dataSource.password()), reader,
                query.timeout(), query.maxRows());
    }

    /** What {@code query} needs of Spring Boot's {@code spring.datasource.*}. */
    record DataSource(String url, @DefaultValue("") String username, @DefaultValue("") String password) {
    }
}
