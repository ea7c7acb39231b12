package com.gpuledger.database;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A job command owns its embedded H2 database before its pool opens. With {@code AUTO_SERVER=TRUE} whoever opens the
 * file first serves it to the others; an analyst's {@code query} or JDBC tool that opened it first would be the
 * server the night depends on, and the night would fail when it ends. So: when another process serves the database
 * and no admin session (a job command: they all connect as the admin) is among its sessions, that hold is ended
 * ({@code SHUTDOWN} through its server, as the admin: the analyst's statement fails, saying the nightly run took the
 * database) and this process opens the file and serves it, so queries during the run are its clients.
 * <p>
 * The files are the job's OS user's alone: the directory is created 0700 before H2 creates anything in it, the
 * database's files are tightened to 0600 (with a WARN when an existing one was looser), and the admin has a generated
 * password kept in {@link H2Files#ownerPasswordFile} (0600); a database whose admin still has the empty password of
 * older versions is opened with it once and given the generated one.
 */
final class H2Ownership {

    private static final Logger log = LoggerFactory.getLogger(H2Ownership.class);
    private static final int WRONG_USER_OR_PASSWORD = 28000;
    private static final int ATTEMPTS = 3;

    private final HikariDataSource dataSource;
    private final Path database;

    H2Ownership(HikariDataSource dataSource, Path database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /** Leaves the pool started, its password set, and (unless another job command serves it) this process serving the file. */
    void take() throws IOException, SQLException, InterruptedException {
        if (!dataSource.getUsername().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalStateException("SPRING_DATASOURCE_USERNAME for an H2 file is a plain name (letters, digits, _), was "
                    + dataSource.getUsername());
        }
        tighten(true);
        Path passwordFile = H2Files.ownerPasswordFile(database);
        String password = SecretFiles.kept(passwordFile).orElse(null);
        if (password == null && !Files.exists(H2Files.sibling(database, ".mv.db"))) {
            password = SecretFiles.passwordKeptIn(passwordFile).password(); // a new database: the file before the database
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Login login = open(password, passwordFile);
            try (Connection connection = login.connection()) {
                if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal) {
                    if (!login.password().equals(password)) {
                        // an older database: its admin has the empty password; the file first, so a crash loses nothing
                        password = password != null ? password : SecretFiles.passwordKeptIn(passwordFile).password();
                        try (Statement statement = connection.createStatement()) {
                            // the password is [A-Za-z0-9_-]: nothing in it needs quoting
                            statement.execute("ALTER USER " + dataSource.getUsername() + " SET PASSWORD '" + password + "'");
                        }
                        log.warn("the H2 admin {} of {} had an empty password: it now has a generated one, kept in {}",
                                dataSource.getUsername(), database, passwordFile);
                    }
                    dataSource.setPassword(password);
                    dataSource.getConnection().close(); // the pool opens while this process holds the file: it serves it
                    tighten(false);
                    return;
                }
                if (otherAdminSessions(connection) > 0) {
                    dataSource.setPassword(login.password()); // another job command serves it: the lease decides
                    return;
                }
                log.warn("another process serves {} (an analyst's query or tool, no job command): ending its hold so "
                        + "this run owns the database; queries during the run are its clients", database);
                shutDown(connection);
            }
            waitForRelease();
        }
        throw new IllegalStateException("another process keeps serving " + database + " after " + ATTEMPTS + " attempts to "
                + "take it over: end it (see " + H2Files.sibling(database, ".lock.db") + ") and run again");
    }

    private record Login(Connection connection, String password) {
    }

    /**
     * As the admin with the generated password, else with the empty one an older database still has. A database whose
     * admin has a password that is not in the file is refused: a password file is never made up over a lost one.
     */
    private Login open(String password, Path passwordFile) throws SQLException {
        if (password != null) {
            try {
                return new Login(DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), password), password);
            } catch (SQLException e) {
                if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                    throw e;
                }
            }
        }
        try {
            return new Login(DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), ""), "");
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                throw e;
            }
            throw new IllegalStateException("the H2 admin " + dataSource.getUsername() + " of " + database + " refuses "
                    + (password == null ? "the empty password and " + passwordFile + " is missing" : "the password in " + passwordFile)
                    + ": restore that file from the backup of this database (or set SPRING_DATASOURCE_PASSWORD to the admin's password)");
        }
    }

    private static long otherAdminSessions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS s JOIN INFORMATION_SCHEMA.USERS u ON UPPER(u.USER_NAME) = UPPER(s.USER_NAME) -- SESSIONS names users in upper case
                WHERE u.IS_ADMIN AND s.SESSION_ID <> SESSION_ID()""")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void shutDown(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException closedUnderUs) {
            // the server closes this very session while it shuts down
        }
    }

    /** H2 removes its lock file when the serving process has closed the database. */
    private void waitForRelease() throws InterruptedException {
        Path lock = H2Files.sibling(database, ".lock.db");
        for (int wait = 0; wait < 50 && Files.exists(lock); wait++) {
            Thread.sleep(100);
        }
    }

    /** H2 creates its trace file when it first has something to say, perhaps late in the command. */
    void tightenFilesH2Created() {
        try {
            tighten(false);
        } catch (IOException e) {
            log.warn("cannot make the files of {} the job's user's only: {}", database, e.getMessage());
        }
    }

    /**
     * The directory 0700 (created so before H2 writes into it) and the database's files 0600. What was looser before
     * this process opened it is named in a WARN; files H2 has just created are tightened silently.
     */
    private void tighten(boolean warn) throws IOException {
        List<String> loosened = new ArrayList<>();
        Path directory = database.getParent();
        String before = SecretFiles.ownerOnlyDirectory(directory);
        if (before != null) {
            loosened.add(directory + " (" + before + ")");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, database.getFileName() + ".*")) {
            for (Path file : files) {
                String was = Files.isRegularFile(file) ? SecretFiles.ownerOnly(file) : null;
                if (was != null && !file.getFileName().toString().endsWith(".lock.db")) { // H2's own, rewritten by each opener
                    loosened.add(file.getFileName() + " (" + was + ")");
                }
            }
        }
        if (warn && !loosened.isEmpty()) {
            log.warn("the database's files were open to other OS users, now the job's user's only (0700 / 0600): {}",
                    String.join(", ", loosened));
        }
    }
}
