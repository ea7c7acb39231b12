package com.gpuledger.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader can take no lock a job command needs: twice a second, from before Flyway migrates to the end of the
 * command, every session of a reader that holds a lock or blocks another session is ended. On H2 a reader is any
 * user that is not an admin (H2 lets a user with SELECT grants lock rows with {@code FOR UPDATE}, which leaves its
 * session with uncommitted content, the only kind a reader can have), ended with
 * {@code ABORT_SESSION} (the job's admin may). On PostgreSQL it is the role {@code LEDGER_QUERY_USERNAME}; a
 * reader's backend holding an advisory lock (Flyway's, taken by every migrate) or blocking one of the job's backends is
 * ended with {@code pg_terminate_backend}, which PostgreSQL allows only to a member of the reader's role
 * ({@code GRANT <reader> TO <job role>}, README); without it a WARN says so. Readers never need a lock: {@code query}
 * runs one read-only statement, and MVCC reads take none that a writer waits for.
 */
final class ReaderLockWatchdog implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(ReaderLockWatchdog.class);

    private static final String H2_HOLDERS = """
            SELECT s.SESSION_ID, u.USER_NAME FROM INFORMATION_SCHEMA.SESSIONS s
            JOIN INFORMATION_SCHEMA.USERS u ON UPPER(u.USER_NAME) = UPPER(s.USER_NAME) -- SESSIONS names users in upper case
            WHERE NOT u.IS_ADMIN AND (s.CONTAINS_UNCOMMITTED OR s.SESSION_ID IN (SELECT l.SESSION_ID FROM INFORMATION_SCHEMA.LOCKS l)
                OR s.SESSION_ID IN (SELECT b.BLOCKER_ID FROM INFORMATION_SCHEMA.SESSIONS b WHERE b.BLOCKER_ID IS NOT NULL))""";
    private static final String POSTGRES_HOLDERS = """
            SELECT a.pid, a.usename FROM pg_stat_activity a
            WHERE a.usename = ? AND a.pid <> pg_backend_pid()
              AND (EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted)
                OR a.pid IN (SELECT unnest(pg_blocking_pids(b.pid)) FROM pg_stat_activity b WHERE b.usename = current_user))""";

    private final DataSource dataSource;
    private final String postgresReader;
    private final ScheduledExecutorService timer;
    private final Set<String> warned = new HashSet<>();
    private volatile Boolean postgres;

    private ReaderLockWatchdog(DataSource dataSource, String postgresReader) {
        this.dataSource = dataSource;
        this.postgresReader = postgresReader;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reader-lock-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks once now (before anything else of the command runs), then every {@link #PERIOD}. */
    static ReaderLockWatchdog start(DataSource dataSource, String postgresReader) {
        ReaderLockWatchdog watchdog = new ReaderLockWatchdog(dataSource, postgresReader == null ? "" : postgresReader.strip());
        watchdog.timer.scheduleWithFixedDelay(watchdog::endReadersHoldingLocks, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return watchdog;
    }

    void endReadersHoldingLocks() {
        try (Connection connection = dataSource.getConnection()) {
            if (postgres == null) {
                postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            }
            if (postgres && postgresReader.isEmpty()) {
                timer.shutdown(); // no reader role named: nobody to watch
                return;
            }
            for (String[] holder : holders(connection)) {
                end(connection, holder[0], holder[1]);
            }
        } catch (SQLException | RuntimeException e) {
            warnOnce("check", "cannot check readers' locks: " + e.getMessage());
        }
    }

    private List<String[]> holders(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(postgres ? POSTGRES_HOLDERS : H2_HOLDERS)) {
            if (postgres) {
                statement.setString(1, postgresReader);
            }
            List<String[]> holders = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    holders.add(new String[]{rows.getString(1), rows.getString(2)});
                }
            }
            return holders;
        }
    }

    private void end(Connection connection, String session, String user) throws SQLException {
        String sql = postgres ? "SELECT pg_terminate_backend(" + Long.parseLong(session) + ")"
                : "CALL ABORT_SESSION(" + Long.parseLong(session) + ")";
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            log.warn("ended the session {} of the reader {}: it held a lock the job needs (readers may only read)", session, user);
        } catch (SQLException e) {
            warnOnce("end " + session, "the reader " + user + "'s session " + session + " holds a lock the job needs and "
                    + "cannot be ended (" + e.getMessage().lines().findFirst().orElse("") + "): on PostgreSQL, GRANT "
                    + user + " TO the job's role (README, analysts' access)");
        }
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            log.warn(message);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
