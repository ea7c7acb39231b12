package com.gpuledger.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the tests: the one named by {@code LEDGER_TEST_PG_URL/_USER/_PASSWORD}, else an embedded
 * PostgreSQL 17 started once per test JVM. If neither starts, the test fails saying so; it is never skipped.
 * Each call of {@link #freshDatabase()} creates an empty database of its own.
 */
public final class PostgresDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    private PostgresDatabases() {
    }

    public static synchronized TestDatabase freshDatabase() {
        if (server == null) {
            server = startServer();
        }
        String name = "ledger_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server.url() + ": " + e.getMessage(), e);
        }
        String url = server.url().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new TestDatabase() {
            @Override
            public Map<String, String> environment() {
                return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", server.user(),
                        "SPRING_DATASOURCE_PASSWORD", server.password());
            }

            @Override
            public DataSource dataSource() {
                return new SimpleDriverDataSource(new org.postgresql.Driver(), url, server.user(), server.password());
            }
        };
    }

    /**
     * The README's lines for analysts' access: a login role of its own with read-only sessions, created before the
     * job's migrations so that migration 4 grants it SELECT; returns the variables {@code query} reads as it with.
     */
    public static Map<String, String> readerRole(TestDatabase database) {
        String url = database.environment().get("SPRING_DATASOURCE_URL");
        String role = "reader_" + url.substring(url.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_]", "");
        database.jdbc().sql("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-password'").update();
        database.jdbc().sql("ALTER ROLE " + role + " SET default_transaction_read_only = on").update();
        return Map.of("LEDGER_QUERY_USERNAME", role, "LEDGER_QUERY_PASSWORD", "reader-password");
    }

    private static Server startServer() {
        String externalUrl = System.getenv("LEDGER_TEST_PG_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            return new Server(externalUrl, System.getenv().getOrDefault("LEDGER_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("LEDGER_TEST_PG_PASSWORD", ""));
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (Exception ignored) {
                    // the JVM is ending; the temporary cluster goes with it
                }
            }));
            return new Server("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "");
        } catch (Exception e) {
            throw new IllegalStateException("no PostgreSQL for the tests: the embedded one did not start (" + e.getMessage()
                    + ") and LEDGER_TEST_PG_URL is not set", e);
        }
    }

    private record Server(String url, String user, String password) {
    }
}
