package com.gpuledger.allocation;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.gpuledger.report.CostAllocation;
import com.gpuledger.report.MonthForecast;
import com.gpuledger.report.MonthForecast.Trailing;

/**
 * The stored rule sets, the per-day allocations and the sums the budgets and reports are made of. Sums are SQL sums of
 * stored values; a cost line of a date without an allocation row (before allocation existed) counts as unallocated.
 */
@Repository
class AllocationRepository {

    /** Every cost line with its allocation, unallocated when it has none. */
    static final String ALLOCATED_COSTS = """
            daily_instance_cost c
            LEFT JOIN daily_instance_allocation a ON a.report_date = c.report_date AND a.instance_id = c.instance_id""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    AllocationRepository(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    /** A stored rules file: the rules in force from {@code firstReportDate} until the next set's first date. */
    record StoredRuleSet(long id, LocalDate firstReportDate, String sha256, String content, String source) {
    }

    /** The rule set in force on the date: the latest whose first date is on or before it. */
    Optional<StoredRuleSet> ruleSetFor(LocalDate reportDate) {
        return ruleSet("first_report_date <= ?", reportDate);
    }

    /** The rule set in force the day before the date's own set began (for a changed set's finding). */
    Optional<StoredRuleSet> ruleSetBefore(LocalDate reportDate) {
        return ruleSet("first_report_date < ?", reportDate);
    }

    private Optional<StoredRuleSet> ruleSet(String condition, LocalDate reportDate) {
        return jdbc.sql("SELECT rule_set_id, first_report_date, sha256, content, source FROM allocation_rule_set WHERE "
                        + condition + " ORDER BY first_report_date DESC FETCH FIRST 1 ROWS ONLY")
                .param(reportDate)
                .query((rs, n) -> new StoredRuleSet(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    void insertRuleSet(LocalDate firstReportDate, AllocationFile file, Instant storedAt) {
        jdbc.sql("INSERT INTO allocation_rule_set (first_report_date, sha256, content, source, stored_at) VALUES (?, ?, ?, ?, ?)")
                .param(firstReportDate).param(file.sha256()).param(file.content()).param(source(file))
                .param(Timestamp.from(storedAt)).update();
    }

    /** A refresh of the date its set began on, with another file: that date's set is the new file. */
    void replaceRuleSet(long ruleSetId, AllocationFile file, Instant storedAt) {
        jdbc.sql("UPDATE allocation_rule_set SET sha256 = ?, content = ?, source = ?, stored_at = ? WHERE rule_set_id = ?")
                .param(file.sha256()).param(file.content()).param(source(file)).param(Timestamp.from(storedAt))
                .param(ruleSetId).update();
    }

    private static String source(AllocationFile file) {
        return file.present() ? file.path().toString() : "(no file at " + file.path() + ")";
    }

    /**
     * The cost lines of the date, each with the host name of its latest snapshot up to the date, in instance order.
     * Nearly every line has a snapshot of the date itself: only the others look further back (a whole-history
     * aggregate per night cost about 2 s at 100,000 instances on H2).
     */
    List<Subject> subjects(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT c.instance_id,
                       CASE WHEN s.instance_id IS NOT NULL THEN s.host_name
                            ELSE (SELECT p.host_name FROM instance_snapshot p
                                  WHERE p.instance_id = c.instance_id AND p.report_date = (
                                      SELECT MAX(q.report_date) FROM instance_snapshot q
                                      WHERE q.instance_id = c.instance_id AND q.report_date < ?)) END,
                       c.region, c.gpu_type, c.instance_type, c.cost_usd
                FROM daily_instance_cost c
                LEFT JOIN instance_snapshot s ON s.report_date = c.report_date AND s.instance_id = c.instance_id
                WHERE c.report_date = ? ORDER BY c.instance_id""")
                .param(reportDate).param(reportDate)
                .query((rs, n) -> new Subject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6)))
                .list();
    }

    /** One instance's allocation on a date; {@code ruleNumber} null exactly when unallocated. */
    record AllocationRow(String instanceId, Long ruleSetId, Integer ruleNumber, CostAllocation allocation) {
    }

    void replaceAllocations(LocalDate reportDate, List<AllocationRow> rows) {
        jdbc.sql("DELETE FROM daily_instance_allocation WHERE report_date = ?").param(reportDate).update();
        jdbcTemplate.batchUpdate("""
                INSERT INTO daily_instance_allocation (report_date, instance_id, rule_set_id, rule_number, cost_center, team,
                                                       project, environment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                rows, 1000, (ps, row) -> {
                    ps.setObject(1, reportDate);
                    ps.setString(2, row.instanceId());
                    ps.setObject(3, row.ruleSetId(), Types.BIGINT);
                    ps.setObject(4, row.ruleNumber(), Types.INTEGER);
                    ps.setString(5, row.allocation().costCenter());
                    ps.setString(6, row.allocation().team());
                    ps.setString(7, row.allocation().project());
                    ps.setString(8, row.allocation().environment());
                });
    }

    /** Known cost of a (cost center, team) in the month up to the date, and in the forecast's trailing window. */
    record Spend(String costCenter, String team, BigDecimal monthToDateUsd, BigDecimal trailingUsd) {
    }

    List<Spend> spend(LocalDate reportDate, Trailing trailing) {
        LocalDate monthStart = reportDate.withDayOfMonth(1);
        return jdbc.sql("""
                SELECT COALESCE(a.cost_center, 'unallocated'), a.team,
                       SUM(CASE WHEN c.report_date >= ? THEN c.cost_usd END),
                       SUM(CASE WHEN %s THEN %s END)
                FROM %s
                WHERE c.report_date >= ? AND c.report_date <= ?
                GROUP BY COALESCE(a.cost_center, 'unallocated'), a.team""".formatted(trailing.condition("c.report_date"),
                        MonthForecast.perDay("c."), ALLOCATED_COSTS))
                .param(monthStart).params(trailing.days())
                .param(monthStart.isBefore(trailing.start()) ? monthStart : trailing.start()).param(reportDate)
                .query((rs, n) -> new Spend(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .list();
    }

    /** The forecast's trailing window of the date, as the reports' own forecast takes it (MonthForecast). */
    Trailing trailing(LocalDate reportDate) {
        return MonthForecast.trailing(jdbc, reportDate);
    }

    Optional<LocalDate> latestReportDate() {
        return jdbc.sql("SELECT MAX(report_date) FROM daily_instance_cost").query(LocalDate.class).optional();
    }

    /** Each allocation's figures for the date (every allocation with a cost line in the month so far). */
    record Group(CostAllocation allocation, int instanceCount, int unknownCostCount, BigDecimal gpuHours, BigDecimal costUsd,
            BigDecimal monthToDateUsd, BigDecimal trailingUsd) {
    }

    List<Group> groups(LocalDate reportDate, Trailing trailing) {
        LocalDate monthStart = reportDate.withDayOfMonth(1);
        return jdbc.sql("""
                SELECT COALESCE(a.cost_center, 'unallocated'), a.team, a.project, a.environment,
                       SUM(CASE WHEN c.report_date = ? THEN 1 ELSE 0 END),
                       SUM(CASE WHEN c.report_date = ? AND c.cost_usd IS NULL THEN 1 ELSE 0 END),
                       SUM(CASE WHEN c.report_date = ? THEN c.hours * c.gpu_count END),
                       SUM(CASE WHEN c.report_date = ? THEN c.cost_usd END),
                       SUM(CASE WHEN c.report_date >= ? THEN c.cost_usd END),
                       SUM(CASE WHEN %s THEN %s END)
                FROM %s
                WHERE c.report_date >= ? AND c.report_date <= ?
                GROUP BY COALESCE(a.cost_center, 'unallocated'), a.team, a.project, a.environment
                HAVING SUM(CASE WHEN c.report_date >= ? THEN 1 ELSE 0 END) > 0""".formatted(trailing.condition("c.report_date"),
                        MonthForecast.perDay("c."), ALLOCATED_COSTS))
                .param(reportDate).param(reportDate).param(reportDate).param(reportDate)
                .param(monthStart).params(trailing.days())
                .param(monthStart.isBefore(trailing.start()) ? monthStart : trailing.start()).param(reportDate)
                .param(monthStart)
                .query((rs, n) -> {
                    int instances = rs.getInt(5);
                    BigDecimal hours = rs.getBigDecimal(7);
                    BigDecimal cost = rs.getBigDecimal(8);
                    return new Group(new CostAllocation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                            instances, rs.getInt(6), hours == null && instances == 0 ? BigDecimal.ZERO : hours,
                            cost == null && instances == 0 ? BigDecimal.ZERO : cost, rs.getBigDecimal(9), rs.getBigDecimal(10));
                })
                .list();
    }

    /** Each allocation's totals over the dates from..to: distinct instances, instance-days of unknown cost, hours, cost. */
    List<Group> totals(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT COALESCE(a.cost_center, 'unallocated'), a.team, a.project, a.environment, COUNT(DISTINCT c.instance_id),
                       COUNT(*) - COUNT(c.cost_usd), SUM(c.hours * c.gpu_count), SUM(c.cost_usd)
                FROM %s
                WHERE c.report_date BETWEEN ? AND ?
                GROUP BY COALESCE(a.cost_center, 'unallocated'), a.team, a.project, a.environment""".formatted(ALLOCATED_COSTS))
                .param(from).param(to)
                .query((rs, n) -> new Group(new CostAllocation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                        rs.getInt(5), rs.getInt(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(8), null))
                .list();
    }

    Optional<LocalDate> lastDateWithCosts(LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT MAX(report_date) FROM daily_instance_cost WHERE report_date BETWEEN ? AND ?")
                .param(from).param(to).query(LocalDate.class).optional();
    }
}
