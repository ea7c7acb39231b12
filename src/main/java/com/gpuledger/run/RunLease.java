package com.gpuledger.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lease of contracts section 6, kept in {@code ledger_run}: a run holds it while its row is open and its
 * heartbeat fresh. A lease is stale when its heartbeat is older than 60 s, or at once when it was taken on this
 * host by a process that is gone. Taking the lease is serialised by a row lock on {@code ledger_lease}.
 * Heartbeats use the machine's clock, never a simulated one.
 */
@Component
class RunLease {

    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration STALE_AFTER = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(RunLease.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock machineClock = Clock.systemUTC();
    private final String host = hostName();
    private final long pid = ProcessHandle.current().pid();

    RunLease(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The provider's clock minus the job's as the latest run that heard it measured it, or empty when none did. */
    Optional<Duration> latestProviderClockSkew() {
        return jdbc.sql("""
                SELECT provider_clock_skew_ms FROM ledger_run WHERE provider_clock_skew_ms IS NOT NULL
                ORDER BY run_id DESC FETCH FIRST 1 ROW ONLY""").query(Long.class).optional().map(Duration::ofMillis);
    }

    /**
     * Takes the lease and opens this run's {@code ledger_run} row.
     *
     * @return the lease, to be closed with the run's outcome
     * @throws LeaseHeldException when another live run holds it
     */
    Lease acquire(NewRun run) {
        Long runId = transactions.execute(status -> {
            jdbc.sql("SELECT lease_name FROM ledger_lease WHERE lease_name = 'nightly' FOR UPDATE").query(String.class).single();
            Instant now = machineClock.instant();
            for (OpenRun open : openRuns()) {
                String why = staleness(open, now);
                if (why == null) {
                    throw new LeaseHeldException("another run holds the lease: run " + open.runId() + " (" + open.command()
                            + (open.reportDate() == null ? "" : " for " + open.reportDate()) + ") on host " + open.host()
                            + ", pid " + open.pid() + ", started " + open.startedAt() + ", last heartbeat " + open.heartbeatAt());
                }
                log.warn("taking over the stale lease of run {} (host {}, pid {}): {}", open.runId(), open.host(), open.pid(), why);
                jdbc.sql("UPDATE ledger_run SET ended_at = ?, outcome = 'ABANDONED', message = ? WHERE run_id = ?")
                        .param(utc(now)).param("stale lease taken over: " + why).param(open.runId()).update();
            }
            return insert(run, now);
        });
        return new Lease(runId);
    }

    private List<OpenRun> openRuns() {
        return jdbc.sql("""
                SELECT run_id, command, report_date, host, pid, started_at, heartbeat_at
                FROM ledger_run WHERE ended_at IS NULL""")
                .query((rs, n) -> new OpenRun(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getObject(7, OffsetDateTime.class).toInstant()))
                .list();
    }

    private String staleness(OpenRun open, Instant now) {
        if (open.heartbeatAt().isBefore(now.minus(STALE_AFTER))) {
            return "no heartbeat since " + open.heartbeatAt();
        }
        if (open.host().equals(host) && ProcessHandle.of(open.pid()).map(p -> !p.isAlive()).orElse(true)) {
            return "process " + open.pid() + " on this host is gone";
        }
        return null;
    }

    private long insert(NewRun run, Instant heartbeat) {
        jdbc.sql("""
                INSERT INTO ledger_run (report_date, command, started_at, outcome, host, pid, heartbeat_at,
                    api_base_url, database_url, app_version)
                VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?)""")
                .param(run.reportDate()).param(run.command()).param(utc(run.startedAt()))
                .param(host).param(pid).param(utc(heartbeat))
                .param(run.apiBaseUrl()).param(run.databaseUrl()).param(run.appVersion())
                .update();
        return jdbc.sql("SELECT MAX(run_id) FROM ledger_run WHERE host = ? AND pid = ? AND ended_at IS NULL")
                .param(host).param(pid).query(Long.class).single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    record NewRun(String command, LocalDate reportDate, Instant startedAt, String apiBaseUrl, String databaseUrl,
                  String appVersion) {
    }

    private record OpenRun(long runId, String command, LocalDate reportDate, String host, long pid, Instant startedAt,
                           Instant heartbeatAt) {
    }

    /** A held lease: renews its heartbeat every 10 s until closed with the run's outcome. */
    final class Lease implements AutoCloseable {

        private final long runId;
        private final ScheduledExecutorService heartbeat;

        private Lease(long runId) {
            this.runId = runId;
            this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "lease-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        }

        long runId() {
            return runId;
        }

        private void beat() {
            try {
                jdbc.sql("UPDATE ledger_run SET heartbeat_at = ? WHERE run_id = ?")
                        .param(utc(machineClock.instant())).param(runId).update();
            } catch (RuntimeException e) {
                log.warn("lease heartbeat of run {} failed: {}", runId, e.getMessage());
            }
        }

        void finish(RunOutcome outcome, Instant endedAt) {
            heartbeat.shutdownNow();
            jdbc.sql("""
                    UPDATE ledger_run SET ended_at = ?, outcome = ?, exit_code = ?, discovered_count = ?,
                        captured_count = ?, failed_count = ?, not_found_count = ?, heartbeat_at = ?, message = ?
                    WHERE run_id = ?""")
                    .param(utc(endedAt)).param(outcome.name()).param(outcome.exitCode().code())
                    .param(outcome.discovered()).param(outcome.captured()).param(outcome.failed()).param(outcome.notFound())
                    .param(utc(machineClock.instant()))
                    .param(outcome.message() == null ? null : truncate(outcome.message()))
                    .param(runId)
                    .update();
        }

        @Override
        public void close() {
            heartbeat.shutdownNow();
        }

        private String truncate(String message) {
            return message.length() > 8000 ? message.substring(0, 7997) + "..." : message;
        }
    }
}
