package com.gpuledger.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.gpuledger.provider.ChargeHour;
import com.gpuledger.provider.CreditPurchase;

/** Reads snapshots and charges; writes a date's derived rows, always all of them at once. */
@Repository
class CostRepository {

    private static final String READING_COLUMNS = """
            report_date, instance_id, fetched_at, region, instance_type, gpu_type, gpu_count, status, start_time,
            start_time_ambiguous, running_hours, total_cost, price_per_hour, observed_at""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    CostRepository(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    List<CounterReading> readings(LocalDate reportDate) {
        return jdbc.sql("SELECT " + READING_COLUMNS + " FROM instance_snapshot WHERE report_date = ? ORDER BY instance_id")
                .param(reportDate).query(CostRepository::reading).list();
    }

    List<FailureReading> failures(LocalDate reportDate) {
        return jdbc.sql("SELECT instance_id, kind, reason FROM fetch_failure WHERE report_date = ? ORDER BY instance_id")
                .param(reportDate).query((rs, n) -> new FailureReading(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /**
     * Each instance of the date (captured or not) with its most recent snapshot before the date: driven by the date's
     * ids, one index seek each for the latest earlier date. (H2 ran an {@code IN (... UNION ...)} filter again for
     * every row of the history: minutes on the second night of 20,000 instances.)
     */
    Map<String, CounterReading> previousReadings(LocalDate reportDate) {
        Map<String, CounterReading> previous = new HashMap<>();
        jdbc.sql("SELECT " + READING_COLUMNS.replace("report_date", "s.report_date").replace("instance_id,", "s.instance_id,") + """
                 FROM (SELECT instance_id FROM instance_snapshot WHERE report_date = ?
                       UNION SELECT instance_id FROM fetch_failure WHERE report_date = ?) ids
                JOIN instance_snapshot s ON s.instance_id = ids.instance_id
                 AND s.report_date = (SELECT MAX(p.report_date) FROM instance_snapshot p
                                      WHERE p.instance_id = ids.instance_id AND p.report_date < ?)""")
                .param(reportDate).param(reportDate).param(reportDate)
                .query(CostRepository::reading)
                .list()
                .forEach(reading -> previous.put(reading.instanceId(), reading));
        return previous;
    }

    /** Known daily costs of the 7 days before the date, per instance and per day (a multi-day row divided by its days). */
    Map<String, List<BigDecimal>> trailingPerDay(LocalDate reportDate) {
        Map<String, List<BigDecimal>> trailing = new HashMap<>();
        jdbc.sql("""
                SELECT instance_id, cost_usd, days_covered FROM daily_instance_cost
                WHERE report_date >= ? AND report_date < ? AND cost_usd IS NOT NULL ORDER BY report_date""")
                .param(reportDate.minusDays(7)).param(reportDate)
                .query((ResultSet rs) -> {
                    BigDecimal perDay = rs.getBigDecimal(2).divide(BigDecimal.valueOf(Math.max(1, rs.getInt(3))), MathContext.DECIMAL64);
                    trailing.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(perDay);
                });
        return trailing;
    }

    /** The latest date before this one that has a snapshot or failures. */
    Optional<LocalDate> previousDate(LocalDate reportDate) {
        return Optional.ofNullable(jdbc.sql("""
                SELECT MAX(d) FROM (SELECT MAX(report_date) AS d FROM instance_snapshot WHERE report_date < ?
                                    UNION ALL SELECT MAX(report_date) FROM fetch_failure WHERE report_date < ?) dates""")
                .param(reportDate).param(reportDate).query(LocalDate.class).optional().orElse(null));
    }

    /**
     * When the date's snapshot began, on the provider's clock: the start of the first run that wrote any of its rows,
     * plus the skew that run measured (the machine's start where the provider never said).
     */
    Optional<Instant> snapshotStart(LocalDate reportDate) {
        return snapshotRun(reportDate).map(run -> run.skew() == null ? run.startedAt() : run.startedAt().plus(run.skew()));
    }

    /**
     * The first run that wrote any of the date's rows: its start on the machine's clock and the skew it measured (or,
     * when it was interrupted before it could record one, the skew the date's latest run measured).
     */
    Optional<SnapshotRun> snapshotRun(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT r.started_at, COALESCE(r.provider_clock_skew_ms, (
                           SELECT o.provider_clock_skew_ms FROM ledger_run o WHERE o.report_date = r.report_date
                           AND o.provider_clock_skew_ms IS NOT NULL ORDER BY o.run_id DESC FETCH FIRST 1 ROW ONLY))
                FROM ledger_run r WHERE r.run_id = (
                    SELECT MIN(run_id) FROM (SELECT run_id FROM instance_snapshot WHERE report_date = ?
                                             UNION ALL SELECT run_id FROM fetch_failure WHERE report_date = ?) runs)""")
                .param(reportDate).param(reportDate)
                .query((rs, n) -> new SnapshotRun(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2) == null ? null : Duration.ofMillis(rs.getLong(2))))
                .optional();
    }

    record SnapshotRun(Instant startedAt, Duration skew) {
    }

    /** The provider's clock minus the machine's, as the run measured it on the provider's answers. */
    void recordClockSkew(long runId, Duration skew) {
        jdbc.sql("UPDATE ledger_run SET provider_clock_skew_ms = ? WHERE run_id = ?").param(skew.toMillis()).param(runId)
                .update();
    }

    /**
     * The first and last counters reads of the date: each snapshot's {@code observed_at} (the provider's clock), or its
     * {@code fetched_at} where the provider did not say.
     */
    Optional<Reads> reads(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT MIN(COALESCE(observed_at, fetched_at)), MAX(COALESCE(observed_at, fetched_at))
                FROM instance_snapshot WHERE report_date = ?""").param(reportDate)
                .query((rs, n) -> rs.getObject(1) == null ? null
                        : new Reads(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list().stream().filter(Objects::nonNull).findFirst();
    }

    record Reads(Instant first, Instant last) {
    }

    /** The start of the latest run of the date, for a date with no instance at all. */
    Optional<Instant> latestRunStart(LocalDate reportDate) {
        return jdbc.sql("SELECT started_at FROM ledger_run WHERE report_date = ? AND command = 'run' ORDER BY run_id DESC")
                .param(reportDate).query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list()
                .stream().findFirst();
    }

    BigDecimal snapshotTotalCost(LocalDate reportDate) {
        return jdbc.sql("SELECT COALESCE(SUM(total_cost), 0) FROM instance_snapshot WHERE report_date = ?")
                .param(reportDate).query(BigDecimal.class).single();
    }

    List<Map<String, Object>> refreshes(LocalDate reportDate) {
        return jdbc.sql("SELECT refreshed_at, previous_instances, previous_total_cost FROM snapshot_refresh WHERE report_date = ? ORDER BY refreshed_at")
                .param(reportDate).query().listOfRows();
    }

    List<ChargeHour> charges(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT bucket_start, bucket_end, computing_amount, serverless_amount, total, account_id
                FROM account_charge_hour WHERE bucket_end > ? AND bucket_start < ? ORDER BY bucket_start""")
                .param(utc(from)).param(utc(to))
                .query((rs, n) -> new ChargeHour(instant(rs, 1), instant(rs, 2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getString(6)))
                .list();
    }

    /** Why the run could not read the charge history; null clears it (it was read). */
    void recordChargeHistoryProblem(long runId, String problem) {
        jdbc.sql("UPDATE ledger_run SET charge_history_problem = ? WHERE run_id = ?").param(truncate(problem)).param(runId)
                .update();
    }

    /** Why the date's latest run could not read the charge history, or empty when it read it (or never tried). */
    Optional<String> chargeHistoryProblem(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT charge_history_problem FROM ledger_run WHERE report_date = ? AND command = 'run'
                ORDER BY run_id DESC FETCH FIRST 1 ROW ONLY""").param(reportDate)
                .query((rs, n) -> rs.getString(1)).list().stream().filter(Objects::nonNull).findFirst();
    }

    /** Whether any stored charge hour names the account (the charge history's {@code user_id}). */
    boolean chargesNameTheAccount() {
        return jdbc.sql("SELECT COUNT(*) FROM account_charge_hour WHERE account_id IS NOT NULL").query(Long.class).single() > 0;
    }

    List<PayloadNotes.Note> fieldNotes(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT instance_id, field_name, kind, field_value, problem FROM snapshot_field_note
                WHERE report_date = ? ORDER BY instance_id, kind, field_name""")
                .param(reportDate)
                .query((rs, n) -> new PayloadNotes.Note(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    /** The drift names (unknown and missing fields) of every date before this one, as {@link PayloadNotes#driftKey}. */
    Set<String> driftNamesBefore(LocalDate reportDate) {
        return new HashSet<>(jdbc.sql("""
                SELECT DISTINCT kind, field_name FROM snapshot_field_note WHERE report_date < ? AND kind <> 'UNREADABLE'""")
                .param(reportDate).query((rs, n) -> PayloadNotes.driftKey(rs.getString(1), rs.getString(2))).list());
    }

    record Restatement(Instant bucketStart, BigDecimal previousComputing, BigDecimal previousTotal, BigDecimal computing,
                       BigDecimal total) {
    }

    List<Restatement> restatements(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT bucket_start, previous_computing, previous_total, computing_amount, total
                FROM charge_hour_restatement WHERE report_date = ? ORDER BY bucket_start, restated_at""")
                .param(reportDate)
                .query((rs, n) -> new Restatement(instant(rs, 1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    /**
     * Stores fetched buckets, replacing those of the same start (the current hour grows until it closes, its end moving
     * with it). A bucket that comes again with the same start and end but other amounts is a restatement, kept for the
     * date's finding.
     */
    void upsertCharges(List<ChargeHour> hours, Instant fetchedAt, LocalDate reportDate) {
        jdbcTemplate.batchUpdate("""
                INSERT INTO charge_hour_restatement (bucket_start, restated_at, report_date, previous_computing,
                    previous_total, computing_amount, total)
                SELECT bucket_start, ?, ?, computing_amount, total, ?, ? FROM account_charge_hour
                WHERE bucket_start = ? AND bucket_end = ? AND (computing_amount <> ? OR total <> ?)""",
                hours, 1000, (ps, hour) -> {
                    ps.setObject(1, utc(fetchedAt));
                    ps.setObject(2, reportDate);
                    ps.setBigDecimal(3, hour.computingAmount());
                    ps.setBigDecimal(4, hour.total());
                    ps.setObject(5, utc(hour.bucketStart()));
                    ps.setObject(6, utc(hour.bucketEnd()));
                    ps.setBigDecimal(7, hour.computingAmount());
                    ps.setBigDecimal(8, hour.total());
                });
        jdbcTemplate.batchUpdate("DELETE FROM account_charge_hour WHERE bucket_start = ?", hours, 1000,
                (ps, hour) -> ps.setObject(1, utc(hour.bucketStart())));
        jdbcTemplate.batchUpdate("""
                INSERT INTO account_charge_hour (bucket_start, bucket_end, computing_amount, serverless_amount, total,
                    account_id, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", hours, 1000, (ps, hour) -> {
            ps.setObject(1, utc(hour.bucketStart()));
            ps.setObject(2, utc(hour.bucketEnd()));
            ps.setBigDecimal(3, hour.computingAmount());
            ps.setBigDecimal(4, hour.serverlessAmount());
            ps.setBigDecimal(5, hour.total());
            ps.setString(6, hour.accountId());
            ps.setObject(7, utc(fetchedAt));
        });
    }

    /** Stores purchases of credits apart from the charges, each replaced when the history shows it again. */
    void upsertPurchases(List<CreditPurchase> purchases, Instant fetchedAt) {
        jdbcTemplate.batchUpdate("DELETE FROM account_credit_purchase WHERE purchase_id = ?", purchases, 1000,
                (ps, purchase) -> ps.setString(1, purchase.purchaseId()));
        jdbcTemplate.batchUpdate("""
                INSERT INTO account_credit_purchase (purchase_id, created_at, credit_amount, status, expire_time, account_id,
                    fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", purchases, 1000, (ps, purchase) -> {
            ps.setString(1, purchase.purchaseId());
            ps.setObject(2, utc(purchase.createdAt()));
            ps.setBigDecimal(3, purchase.creditAmount());
            ps.setString(4, purchase.status());
            ps.setObject(5, utc(purchase.expireTime()));
            ps.setString(6, purchase.accountId());
            ps.setObject(7, utc(fetchedAt));
        });
    }

    /** Replaces the date's derived rows: what a rebuild computes, and nothing else, is what the tables hold. */
    void replace(LocalDate reportDate, List<DailyCost> costs, List<ReconciliationFinding> findings,
                 AccountReconciliation reconciliation) {
        jdbc.sql("DELETE FROM daily_instance_cost WHERE report_date = ?").param(reportDate).update();
        jdbc.sql("DELETE FROM reconciliation_finding WHERE report_date = ?").param(reportDate).update();
        jdbc.sql("DELETE FROM account_reconciliation WHERE report_date = ?").param(reportDate).update();
        jdbcTemplate.batchUpdate("""
                INSERT INTO daily_instance_cost (report_date, instance_id, region, instance_type, gpu_type, gpu_count, basis,
                    hours, cost_usd, price_per_hour, expected_cost_usd, period_start, period_end, days_covered)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", costs, 1000, CostRepository::bindCost);
        jdbcTemplate.batchUpdate("""
                INSERT INTO reconciliation_finding (report_date, scope, instance_id, kind, severity, expected_usd,
                    actual_usd, difference_usd, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", findings, 1000,
                CostRepository::bindFinding);
        AccountReconciliation r = reconciliation;
        jdbcTemplate.update("""
                INSERT INTO account_reconciliation (report_date, window_start, window_end, instances_cost_usd,
                    corrections_usd, account_charges_usd, difference_usd, bound_usd, unknown_max_usd, explained_share,
                    status, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, r.reportDate());
            ps.setObject(2, utc(r.windowStart()));
            ps.setObject(3, utc(r.windowEnd()));
            ps.setBigDecimal(4, r.instancesCostUsd());
            ps.setBigDecimal(5, r.correctionsUsd());
            ps.setBigDecimal(6, r.accountChargesUsd());
            ps.setBigDecimal(7, r.differenceUsd());
            ps.setBigDecimal(8, r.boundUsd());
            ps.setBigDecimal(9, r.unknownMaxUsd());
            ps.setBigDecimal(10, r.explainedShare());
            ps.setString(11, r.status().name());
            ps.setString(12, truncate(r.reason()));
        });
    }

    /** Replaces the date's findings of the given kinds, leaving the others. */
    void replaceFindings(LocalDate reportDate, List<String> kinds, List<ReconciliationFinding> findings) {
        List<Object> parameters = new ArrayList<>(List.of(reportDate));
        parameters.addAll(kinds);
        jdbc.sql("DELETE FROM reconciliation_finding WHERE report_date = ? AND kind IN ("
                + String.join(", ", Collections.nCopies(kinds.size(), "?")) + ")").params(parameters).update();
        jdbcTemplate.batchUpdate("""
                INSERT INTO reconciliation_finding (report_date, scope, instance_id, kind, severity, expected_usd,
                    actual_usd, difference_usd, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", findings, 1000,
                CostRepository::bindFinding);
    }

    /** The date's account status and the kinds of its ERROR findings, for the exit code. */
    Verdict verdict(LocalDate reportDate) {
        String status = jdbc.sql("SELECT status FROM account_reconciliation WHERE report_date = ?").param(reportDate)
                .query(String.class).optional().orElse(null);
        List<String> errors = jdbc.sql("""
                SELECT kind FROM reconciliation_finding WHERE report_date = ? AND severity = 'ERROR' ORDER BY finding_id""")
                .param(reportDate).query(String.class).list();
        return new Verdict(status, errors);
    }

    record Verdict(String accountStatus, List<String> errorKinds) {
    }

    private static CounterReading reading(ResultSet rs, int row) throws SQLException {
        return new CounterReading(rs.getObject(1, LocalDate.class), rs.getString(2), instant(rs, 3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getObject(7, Integer.class), rs.getString(8), instant(rs, 9),
                rs.getBoolean(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13), instant(rs, 14));
    }

    private static void bindCost(PreparedStatement ps, DailyCost c) throws SQLException {
        ps.setObject(1, c.reportDate());
        ps.setString(2, c.instanceId());
        ps.setString(3, c.region());
        ps.setString(4, c.instanceType());
        ps.setString(5, c.gpuType());
        if (c.gpuCount() == null) {
            ps.setNull(6, Types.INTEGER);
        } else {
            ps.setInt(6, c.gpuCount());
        }
        ps.setString(7, c.basis().name());
        ps.setBigDecimal(8, c.hours());
        ps.setBigDecimal(9, c.costUsd());
        ps.setBigDecimal(10, c.pricePerHour());
        ps.setBigDecimal(11, c.expectedCostUsd());
        ps.setObject(12, utc(c.periodStart()));
        ps.setObject(13, utc(c.periodEnd()));
        if (c.daysCovered() == null) {
            ps.setNull(14, Types.INTEGER);
        } else {
            ps.setInt(14, c.daysCovered());
        }
    }

    private static void bindFinding(PreparedStatement ps, ReconciliationFinding f) throws SQLException {
        ps.setObject(1, f.reportDate());
        ps.setString(2, f.scope().name());
        ps.setString(3, f.instanceId());
        ps.setString(4, f.kind());
        ps.setString(5, f.severity().name());
        ps.setBigDecimal(6, f.expectedUsd());
        ps.setBigDecimal(7, f.actualUsd());
        ps.setBigDecimal(8, f.differenceUsd());
        ps.setString(9, truncate(f.detail()));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
