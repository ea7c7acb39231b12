package com.gpuledger.query;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.gpuledger.database.SecretFiles;

/**
 * Migration 4, the same on H2 and PostgreSQL because it asks the database which one it is: the user {@code query}
 * reads as. H2: {@code ledger_query}, created with a password generated here and kept in a 0600 file beside the
 * database (never in the repository, never logged), granted SELECT on the ledger's schema (tables and views, also
 * those later migrations add) and nothing else. PostgreSQL: the role {@code LEDGER_QUERY_USERNAME} is created by the
 * operator (README); when it exists it is granted USAGE on the schema, SELECT on its tables and views, and SELECT on
 * those the job's role creates later. After every migrate it is applied again (it is idempotent), so a password file
 * that was deleted, or a reader role created after version 4, is mended by the next {@code run}.
 */
final class QueryReaderMigration implements JavaMigration, Callback {

    private static final Logger log = LoggerFactory.getLogger(QueryReaderMigration.class);

    private final String postgresRole;

    QueryReaderMigration(String postgresRole) {
        this.postgresRole = postgresRole == null ? "" : postgresRole.strip();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "query reader";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        ensureReader(context.getConnection());
    }

    @Override
    public boolean supports(Event event, org.flywaydb.core.api.callback.Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, org.flywaydb.core.api.callback.Context context) {
        return true;
    }

    @Override
    public void handle(Event event, org.flywaydb.core.api.callback.Context context) {
        try {
            ensureReader(context.getConnection());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot set up query's reader user: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "query reader";
    }

    private void ensureReader(Connection connection) throws SQLException, IOException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            h2Reader(connection);
        } else if (product.contains("postgres")) {
            postgresReader(connection);
        }
    }

    private static void h2Reader(Connection connection) throws SQLException, IOException {
        String databasePath = single(connection, "SELECT DATABASE_PATH()");
        String password = databasePath == null ? SecretFiles.newPassword() : passwordKeptIn(QueryReader.passwordFile(Path.of(databasePath)));
        try (Statement statement = connection.createStatement()) {
            // the password is [A-Za-z0-9_-]: nothing in it needs quoting
            statement.execute("CREATE USER IF NOT EXISTS " + QueryReader.H2_USER + " PASSWORD '" + password + "'");
            statement.execute("ALTER USER " + QueryReader.H2_USER + " SET PASSWORD '" + password + "'");
            statement.execute("GRANT SELECT ON SCHEMA " + quoted(connection.getSchema()) + " TO " + QueryReader.H2_USER);
        }
    }

    private void postgresReader(Connection connection) throws SQLException {
        if (postgresRole.isEmpty()) {
            log.info("LEDGER_QUERY_USERNAME is not set: no reader role is granted; query needs one (README, analysts' access)");
            return;
        }
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            exists.setString(1, postgresRole);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    log.warn("LEDGER_QUERY_USERNAME names the role {}, which does not exist: create it and grant as the README shows",
                            postgresRole);
                    return;
                }
            }
        }
        String role = quoted(postgresRole);
        String schema = quoted(connection.getSchema());
        try (Statement statement = connection.createStatement()) {
            statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
            statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT SELECT ON TABLES TO " + role);
        }
        log.info("granted SELECT on schema {} to the reader role {}", connection.getSchema(), postgresRole);
    }

    /** The password already in the file (a database migrated again keeps it), else a new one written 0600. */
    private static String passwordKeptIn(Path file) throws IOException {
        SecretFiles.Kept kept = SecretFiles.passwordKeptIn(file);
        if (kept.created()) {
            log.info("created the H2 user {} for query; its password is in {}", QueryReader.H2_USER, file);
        }
        return kept.password();
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
