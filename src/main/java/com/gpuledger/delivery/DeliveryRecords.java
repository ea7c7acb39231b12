package com.gpuledger.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code report_delivery}: one row per date, channel and target, updated in place; and what the date's last run said. */
class DeliveryRecords {

    /** A recorded delivery. */
    record Recorded(LocalDate reportDate, String channel, String target, String status, int attempts) {
    }

    /** How the date's last {@code run} ended. */
    record LastRun(Integer exitCode, String message) {
    }

    private final JdbcClient jdbc;

    DeliveryRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Recorded> find(LocalDate reportDate, String channel, String target) {
        return jdbc.sql("""
                SELECT report_date, channel, target, status, attempts FROM report_delivery
                WHERE report_date = ? AND channel = ? AND target = ?""")
                .param(reportDate).param(channel).param(target)
                .query((rs, n) -> new Recorded(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .optional();
    }

    /** The failed deliveries of earlier dates to this channel and target, oldest first: the next run retries them. */
    List<LocalDate> failedBefore(LocalDate reportDate, String channel, String target) {
        return jdbc.sql("""
                SELECT report_date FROM report_delivery
                WHERE status = 'FAILED' AND report_date < ? AND channel = ? AND target = ? ORDER BY report_date""")
                .param(reportDate).param(channel).param(target)
                .query(LocalDate.class).list();
    }

    void record(LocalDate reportDate, String channel, String target, boolean sent, Instant at, String message) {
        String status = sent ? "SENT" : "FAILED";
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String text = message == null || message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
        // under the lease: no other process writes these rows meanwhile
        int updated = jdbc.sql("""
                UPDATE report_delivery SET status = ?, attempts = attempts + 1, sent_at = ?, last_attempt_at = ?, message = ?
                WHERE report_date = ? AND channel = ? AND target = ?""")
                .param(status).param(sent ? when : null).param(when).param(text)
                .param(reportDate).param(channel).param(target).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO report_delivery (report_date, channel, target, status, attempts, sent_at, last_attempt_at, message)
                    VALUES (?, ?, ?, ?, 1, ?, ?, ?)""")
                    .param(reportDate).param(channel).param(target).param(status).param(sent ? when : null).param(when).param(text)
                    .update();
        }
    }

    Optional<LastRun> lastRun(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT exit_code, message FROM ledger_run
                WHERE command = 'run' AND report_date = ? AND ended_at IS NOT NULL ORDER BY run_id DESC""")
                .param(reportDate)
                .query((rs, n) -> new LastRun((Integer) rs.getObject(1, Integer.class), rs.getString(2)))
                .list().stream().findFirst();
    }
}
