package com.gpuledger.snapshot;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.gpuledger.provider.FieldNote;
import com.gpuledger.provider.ListedInstance;

/** Snapshots, failures and the work list of a report date. */
@Repository
public class SnapshotRepository {

    private static final String INSERT_SNAPSHOT = """
            INSERT INTO instance_snapshot (report_date, instance_id, fetched_at, source, region, instance_type,
                host_name, gpu_type, gpu_count, cpu_cores, ram_gb, disk_gb, ephemeral_gb, os, status, start_time,
                start_time_ambiguous, running_hours, total_cost, price_per_hour, currency, run_id, observed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_NOTE = """
            INSERT INTO snapshot_field_note (report_date, instance_id, field_name, kind, field_value, problem)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_FAILURE = """
            INSERT INTO fetch_failure (report_date, instance_id, kind, reason, http_status, attempts, failed_at, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String PENDING = """
            NOT EXISTS (SELECT 1 FROM instance_snapshot s WHERE s.report_date = t.report_date AND s.instance_id = t.instance_id)
            AND NOT EXISTS (SELECT 1 FROM fetch_failure f WHERE f.report_date = t.report_date AND f.instance_id = t.instance_id)""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    SnapshotRepository(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    /** The most recent report date with any snapshot, failure or work list. */
    public Optional<LocalDate> latestReportDate() {
        return Optional.ofNullable(jdbc.sql("""
                SELECT MAX(d) FROM (
                    SELECT MAX(report_date) AS d FROM instance_snapshot
                    UNION ALL SELECT MAX(report_date) FROM fetch_failure
                    UNION ALL SELECT MAX(report_date) FROM fetch_target) dates""")
                .query(LocalDate.class).optional().orElse(null));
    }

    void replaceTargets(LocalDate reportDate, Collection<FetchTarget> targets) {
        jdbc.sql("DELETE FROM fetch_target WHERE report_date = ?").param(reportDate).update();
        jdbcTemplate.batchUpdate("""
                INSERT INTO fetch_target (report_date, instance_id, source, list_price_per_hour, list_price_value,
                    list_price_problem)
                VALUES (?, ?, ?, ?, ?, ?)""", targets, 1000, (ps, target) -> {
            ps.setObject(1, target.reportDate());
            ps.setString(2, target.instanceId());
            ps.setString(3, target.source().name());
            ps.setBigDecimal(4, target.listPricePerHour());
            FieldNote note = target.listPriceNote();
            ps.setString(5, note == null || note.value() == null ? null : cut(note.value(), 64));
            ps.setString(6, note == null ? null : cut(note.problem(), 1000));
        });
    }

    /** The ids of the targets still to fetch, in order. */
    List<String> pendingIds(LocalDate reportDate) {
        return jdbc.sql("SELECT t.instance_id FROM fetch_target t WHERE t.report_date = ? AND " + PENDING + " ORDER BY t.instance_id")
                .param(reportDate).query(String.class).list();
    }

    /**
     * The targets the date has neither a snapshot nor a failure for, with ids in [{@code fromId}, {@code toId});
     * a null bound is open.
     */
    List<FetchTarget> pendingTargets(LocalDate reportDate, String fromId, String toId) {
        List<Object> parameters = new ArrayList<>(List.of(reportDate));
        StringBuilder range = new StringBuilder();
        if (fromId != null) {
            range.append(" AND t.instance_id >= ?");
            parameters.add(fromId);
        }
        if (toId != null) {
            range.append(" AND t.instance_id < ?");
            parameters.add(toId);
        }
        return jdbc.sql("SELECT t.report_date, t.instance_id, t.source, t.list_price_per_hour, t.list_price_value,"
                        + " t.list_price_problem FROM fetch_target t "
                        + "WHERE t.report_date = ?" + range + " AND " + PENDING + " ORDER BY t.instance_id")
                .params(parameters)
                .query((rs, n) -> new FetchTarget(rs.getObject(1, LocalDate.class), rs.getString(2),
                        SnapshotSource.valueOf(rs.getString(3)), rs.getBigDecimal(4), rs.getString(6) == null ? null
                        : new FieldNote(ListedInstance.LIST_PRICE, FieldNote.Kind.UNREADABLE, rs.getString(5), rs.getString(6))))
                .list();
    }

    /**
     * Stores a chunk of outcomes in the chunk's transaction, which is what marks their targets done. Rows of the same
     * (date, instance) are replaced, so a chunk written twice never duplicates; the rows to replace are found with one
     * query per chunk rather than a delete per row (there are none unless a crash interrupted an earlier write).
     */
    void write(List<? extends FetchOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<String> ids = outcomes.stream().map(o -> o.target().instanceId()).toList();
        LocalDate reportDate = outcomes.get(0).target().reportDate();
        String placeholders = String.join(",", Collections.nCopies(ids.size(), "?"));
        List<Object> parameters = new ArrayList<>(2 * ids.size() + 2);
        parameters.add(reportDate);
        parameters.addAll(ids);
        parameters.add(reportDate);
        parameters.addAll(ids);
        List<String> existing = jdbc.sql("SELECT instance_id FROM instance_snapshot WHERE report_date = ? AND instance_id IN ("
                        + placeholders + ") UNION SELECT instance_id FROM fetch_failure WHERE report_date = ? AND instance_id IN ("
                        + placeholders + ")")
                .params(parameters).query(String.class).list();
        if (!existing.isEmpty()) {
            jdbcTemplate.batchUpdate("DELETE FROM instance_snapshot WHERE report_date = ? AND instance_id = ?", existing, 1000,
                    (ps, id) -> bindKey(ps, reportDate, id));
            jdbcTemplate.batchUpdate("DELETE FROM fetch_failure WHERE report_date = ? AND instance_id = ?", existing, 1000,
                    (ps, id) -> bindKey(ps, reportDate, id));
            jdbcTemplate.batchUpdate("DELETE FROM snapshot_field_note WHERE report_date = ? AND instance_id = ?", existing,
                    1000, (ps, id) -> bindKey(ps, reportDate, id));
        }
        List<InstanceSnapshot> snapshots = outcomes.stream().map(FetchOutcome::snapshot).filter(s -> s != null).toList();
        jdbcTemplate.batchUpdate(INSERT_SNAPSHOT, snapshots, 1000, SnapshotRepository::bindSnapshot);
        List<Note> notes = snapshots.stream()
                .flatMap(snapshot -> distinct(snapshot.notes()).stream().map(note -> new Note(snapshot, note)))
                .toList();
        jdbcTemplate.batchUpdate(INSERT_NOTE, notes, 1000, SnapshotRepository::bindNote);
        List<FetchFailure> failures = outcomes.stream().map(FetchOutcome::failure).filter(f -> f != null).toList();
        jdbcTemplate.batchUpdate(INSERT_FAILURE, failures, 1000, SnapshotRepository::bindFailure);
    }

    /** Deleted ids already captured as deleted, or found gone, before this date: never fetched again. */
    Set<String> settledDeletedIds(LocalDate reportDate) {
        return new HashSet<>(jdbc.sql("""
                SELECT instance_id FROM instance_snapshot
                WHERE report_date < ? AND (source = 'DELETED' OR UPPER(status) = 'DELETED')
                UNION SELECT instance_id FROM fetch_failure WHERE report_date < ? AND kind = 'NOT_FOUND'""")
                .param(reportDate).param(reportDate)
                .query(String.class).list());
    }

    /**
     * Instances whose most recent snapshot before this date is not deleted and that have not been found gone since:
     * if no list names them tonight, they are fetched once more to learn what became of them.
     */
    List<FetchTarget> previouslyLive(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT s.instance_id, s.price_per_hour FROM instance_snapshot s
                JOIN (SELECT instance_id, MAX(report_date) AS last_date FROM instance_snapshot
                      WHERE report_date < ? GROUP BY instance_id) latest
                  ON latest.instance_id = s.instance_id AND latest.last_date = s.report_date
                WHERE s.source <> 'DELETED' AND (s.status IS NULL OR UPPER(s.status) <> 'DELETED')
                  AND NOT EXISTS (SELECT 1 FROM fetch_failure f WHERE f.instance_id = s.instance_id
                                  AND f.kind = 'NOT_FOUND' AND f.report_date > s.report_date AND f.report_date < ?)
                ORDER BY s.instance_id""")
                .param(reportDate).param(reportDate)
                .query((rs, n) -> new FetchTarget(reportDate, rs.getString(1), SnapshotSource.PREVIOUS, rs.getBigDecimal(2)))
                .list();
    }

    public TargetCounts targetCounts(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM fetch_target WHERE report_date = ?),
                       (SELECT COUNT(*) FROM instance_snapshot WHERE report_date = ?),
                       (SELECT COUNT(*) FROM fetch_failure WHERE report_date = ? AND kind = 'FAILED'),
                       (SELECT COUNT(*) FROM fetch_failure WHERE report_date = ? AND kind = 'NOT_FOUND')""")
                .param(reportDate).param(reportDate).param(reportDate).param(reportDate)
                .query((rs, n) -> new TargetCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(1) - rs.getInt(2) - rs.getInt(3) - rs.getInt(4)))
                .single();
    }

    /** Keeps the replaced date's totals for the REFRESHED finding, then clears the date for the new snapshot. */
    void clearForRefresh(LocalDate reportDate, long runId, Instant now) {
        jdbc.sql("""
                INSERT INTO snapshot_refresh (report_date, refreshed_at, run_id, previous_instances,
                    previous_total_cost, previous_hours)
                SELECT ?, ?, ?, COUNT(*), COALESCE(SUM(total_cost), 0), COALESCE(SUM(running_hours), 0)
                FROM instance_snapshot WHERE report_date = ?""")
                .param(reportDate).param(utc(now)).param(runId).param(reportDate)
                .update();
        jdbc.sql("DELETE FROM instance_snapshot WHERE report_date = ?").param(reportDate).update();
        jdbc.sql("DELETE FROM fetch_failure WHERE report_date = ?").param(reportDate).update();
        jdbc.sql("DELETE FROM snapshot_field_note WHERE report_date = ?").param(reportDate).update();
    }

    /** One note per field and kind (a field unreadable under two of its names is one note: the first). */
    private static Collection<FieldNote> distinct(List<FieldNote> notes) {
        Map<String, FieldNote> byKey = new LinkedHashMap<>();
        notes.forEach(note -> byKey.putIfAbsent(note.field() + "\u0000" + note.kind(), note));
        return byKey.values();
    }

    private record Note(InstanceSnapshot snapshot, FieldNote note) {
    }

    private static void bindNote(PreparedStatement ps, Note n) throws SQLException {
        ps.setObject(1, n.snapshot().reportDate());
        ps.setString(2, n.snapshot().instanceId());
        ps.setString(3, cut(n.note().field(), 64));
        ps.setString(4, n.note().kind().name());
        ps.setString(5, n.note().value() == null ? null : cut(n.note().value(), 64));
        ps.setString(6, n.note().problem() == null ? null : cut(n.note().problem(), 1000));
    }

    private static String cut(String text, int length) {
        return text.length() > length ? text.substring(0, length - 3) + "..." : text;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static void bindKey(PreparedStatement ps, LocalDate reportDate, String instanceId) throws SQLException {
        ps.setObject(1, reportDate);
        ps.setString(2, instanceId);
    }

    private static void bindSnapshot(PreparedStatement ps, InstanceSnapshot s) throws SQLException {
        ps.setObject(1, s.reportDate());
        ps.setString(2, s.instanceId());
        ps.setObject(3, utc(s.fetchedAt()));
        ps.setString(4, s.source().name());
        ps.setString(5, s.region());
        ps.setString(6, s.instanceType());
        ps.setString(7, s.hostName());
        ps.setString(8, s.gpuType());
        setInteger(ps, 9, s.gpuCount());
        setInteger(ps, 10, s.cpuCores());
        ps.setBigDecimal(11, s.ramGb());
        ps.setBigDecimal(12, s.diskGb());
        ps.setBigDecimal(13, s.ephemeralGb());
        ps.setString(14, s.os());
        ps.setString(15, s.status());
        ps.setObject(16, utc(s.startTime()));
        ps.setBoolean(17, s.startTimeAmbiguous());
        ps.setBigDecimal(18, s.runningHours());
        ps.setBigDecimal(19, s.totalCost());
        ps.setBigDecimal(20, s.pricePerHour());
        ps.setString(21, s.currency());
        ps.setLong(22, s.runId());
        ps.setObject(23, utc(s.observedAt()));
    }

    private static void bindFailure(PreparedStatement ps, FetchFailure f) throws SQLException {
        ps.setObject(1, f.reportDate());
        ps.setString(2, f.instanceId());
        ps.setString(3, f.kind().name());
        ps.setString(4, f.reason().length() > 4000 ? f.reason().substring(0, 3997) + "..." : f.reason());
        setInteger(ps, 5, f.httpStatus());
        ps.setInt(6, f.attempts());
        ps.setObject(7, utc(f.failedAt()));
        ps.setLong(8, f.runId());
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** How far the work list of a date got. */
    public record TargetCounts(int discovered, int captured, int failed, int notFound, int pending) {
    }
}
