package com.gpuledger.query;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import com.gpuledger.run.UsageException;

/**
 * Opens {@code query}'s connection with JDBC alone (no pool, no Flyway, no Spring): as the reader, or as the job's
 * owner login only when told {@code --as-owner}. Never creates a database: an H2 file that is not there is named
 * and refused, and H2 URLs are opened with {@code IFEXISTS=TRUE}.
 */
public final class QueryDatabase {

    private QueryDatabase() {
    }

    public static Connection connect(QuerySettings settings, boolean asOwner, PrintStream err) throws SQLException {
        String url = settings.url();
        Optional<Path> h2File = h2DatabasePath(url);
        if (url.startsWith("jdbc:h2:")) {
            h2File.map(path -> path.resolveSibling(path.getFileName() + ".mv.db")).filter(file -> !Files.exists(file))
                    .ifPresent(file -> {
                        throw new UsageException("no database at " + file + " (SPRING_DATASOURCE_URL, default data/ledger under"
                                + " LEDGER_HOME): set them as the job has them, e.g. LEDGER_ENV_FILE=/etc/gpu-ledger.env");
                    });
            if (!url.toUpperCase(Locale.ROOT).contains("IFEXISTS")) {
                url = url + ";IFEXISTS=TRUE";
            }
        }
        QuerySettings.Login login = asOwner ? settings.owner() : reader(settings, h2File);
        if (asOwner) {
            err.println("gpu-ledger: query runs as the job's own login " + settings.owner().user()
                    + " (--as-owner): the database does not stop a write, only the statement check does");
        }
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password() == null ? "" : login.password());
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw loginFailure(e, login, h2File);
        }
        if (!asOwner) {
            try {
                refuseOwner(connection, login);
            } catch (RuntimeException | SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    private static QuerySettings.Login reader(QuerySettings settings, Optional<Path> h2File) {
        QuerySettings.Login reader = settings.reader();
        if (reader != null) {
            if (reader.user().equalsIgnoreCase(settings.owner().user())) {
                throw new UsageException("LEDGER_QUERY_USERNAME names the job's own login " + reader.user()
                        + ": query reads as a user that may only read (README, analysts' access), or with --as-owner");
            }
            return reader;
        }
        if (h2File.isPresent()) {
            Path passwordFile = QueryReader.passwordFile(h2File.get());
            if (!Files.isRegularFile(passwordFile)) {
                throw new UsageException("this database has no reader user yet (" + passwordFile + " is missing): the next "
                        + "'gpu-ledger run' creates it (migration 4); until then 'query --as-owner' reads as the job's login");
            }
            try {
                return new QuerySettings.Login(QueryReader.H2_USER, Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UsageException("cannot read " + passwordFile + " (" + e.getMessage()
                        + "): it holds the reader's password and is readable by the job's OS user only");
            }
        }
        throw new UsageException("no reader login: set LEDGER_QUERY_USERNAME and LEDGER_QUERY_PASSWORD to a role that may only "
                + "read (README, analysts' access), or run 'query --as-owner' to read as the job's login");
    }

    /** The reader must not be an H2 admin, a PostgreSQL superuser, or (a member of) the role that owns the tables. */
    private static void refuseOwner(Connection connection, QuerySettings.Login login) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String check;
        if (product.contains("h2")) {
            check = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER AND IS_ADMIN";
        } else if (product.contains("postgres")) {
            check = "SELECT (SELECT COUNT(*) FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls))"
                    + " + (SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()"
                    + " AND pg_has_role(current_user, tableowner, 'MEMBER'))";
        } else {
            return;
        }
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(check)) {
            if (rows.next() && rows.getLong(1) > 0) {
                throw new UsageException("the login " + login.user() + " may change the database (an admin, a superuser or the "
                        + "tables' owner): query refuses to read as it unless told --as-owner");
            }
        }
    }

    private static RuntimeException loginFailure(SQLException e, QuerySettings.Login login, Optional<Path> h2File) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = QueryErrors.wholeMessage(e);
        if (state.equals("90146") || e.getErrorCode() == 90146) {
            return new UsageException("no database: " + message);
        }
        if (state.startsWith("28")) {
            return new UsageException("the database refused the login " + login.user() + ": " + message
                    + (h2File.isPresent() && login.user().equals(QueryReader.H2_USER)
                    ? " (its password file does not match this database: the next 'gpu-ledger run' renews it)" : ""));
        }
        return new IllegalStateException("cannot connect to the database: " + message, e);
    }

    /** The file an H2 URL names, without {@code .mv.db}; empty for in-memory, server and other databases. */
    static Optional<Path> h2DatabasePath(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:h2:".length());
        int semicolon = name.indexOf(';');
        if (semicolon >= 0) {
            name = name.substring(0, semicolon);
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("^[a-zA-Z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio...:
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name).toAbsolutePath().normalize());
    }
}
