package com.gpuledger.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.gpuledger.report.MonthForecast.Trailing;
import com.gpuledger.report.focus.PriceSighting;

/**
 * What the report files are made of, read from the derived tables. Sums are SQL sums of stored values; the forecast
 * is the one division, an estimate at scale 4 that never feeds a sum.
 */
@Repository
class ReportRepository {

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The dates whose costs were computed (their reconcile step completed), so their reports can be written. */
    List<LocalDate> datesWithCosts(LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT report_date FROM account_reconciliation WHERE report_date BETWEEN ? AND ? ORDER BY report_date")
                .param(from).param(to).query(LocalDate.class).list();
    }

    /** Whether no earlier date of the same month has costs: the first run of a new month. */
    boolean firstOfItsMonth(LocalDate reportDate) {
        return jdbc.sql("SELECT COUNT(*) FROM account_reconciliation WHERE report_date >= ? AND report_date < ?")
                .param(reportDate.withDayOfMonth(1)).param(reportDate).query(Integer.class).single() == 0;
    }

    /** The run that captured the date: the last run that wrote any of its rows (stable once the date is complete). */
    long capturingRun(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT COALESCE(
                    (SELECT MAX(run_id) FROM (SELECT run_id FROM instance_snapshot WHERE report_date = ?
                                              UNION ALL SELECT run_id FROM fetch_failure WHERE report_date = ?) runs),
                    (SELECT MAX(run_id) FROM ledger_run WHERE report_date = ? AND command = 'run'), 0)""")
                .param(reportDate).param(reportDate).param(reportDate).query(Long.class).single();
    }

    Optional<String> chargeAccountId() {
        return jdbc.sql("SELECT account_id FROM account_charge_hour WHERE account_id IS NOT NULL ORDER BY bucket_start DESC")
                .query(String.class).list().stream().findFirst();
    }

    AccountCheck account(LocalDate reportDate) {
        return jdbc.sql("SELECT * FROM account_reconciliation WHERE report_date = ?").param(reportDate)
                .query(ReportRepository::accountCheck).optional().orElse(null);
    }

    Map<LocalDate, AccountCheck> accounts(YearMonth month) {
        Map<LocalDate, AccountCheck> accounts = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM account_reconciliation WHERE report_date BETWEEN ? AND ? ORDER BY report_date")
                .param(month.atDay(1)).param(month.atEndOfMonth())
                .query((ResultSet rs) -> {
                    accounts.put(rs.getObject("report_date", LocalDate.class), accountCheck(rs, 0));
                });
        return accounts;
    }

    Map<String, Integer> countsByBasis(LocalDate reportDate) {
        return counts("SELECT basis, COUNT(*) FROM daily_instance_cost WHERE report_date = ? GROUP BY basis ORDER BY basis", reportDate);
    }

    Map<String, Integer> findingsBySeverity(LocalDate reportDate) {
        return counts("SELECT severity, COUNT(*) FROM reconciliation_finding WHERE report_date = ? GROUP BY severity ORDER BY severity",
                reportDate);
    }

    /**
     * The date's groups by the given key columns (e.g. {@code region, gpu_type}), each with its cost for the date, its
     * month to date and its forecast; every group with a row in the month so far appears, with zero for a date it
     * had no instance.
     */
    List<GroupedCostRow> groups(LocalDate reportDate, boolean byRegion, boolean byGpuType) {
        String keys = byRegion && byGpuType ? "region, gpu_type" : byRegion ? "region" : "gpu_type";
        LocalDate monthStart = reportDate.withDayOfMonth(1);
        Trailing trailing = trailing(reportDate);
        String averaged = trailing.condition("report_date");
        // per group and date first: a day on which the group's costs are mostly unknown is left out of its average
        return jdbc.sql("""
                SELECT %1$s,
                       SUM(CASE WHEN report_date = ? THEN n ELSE 0 END)                          AS instance_count,
                       SUM(CASE WHEN report_date = ? THEN unknowns ELSE 0 END)                    AS unknown_cost_count,
                       SUM(CASE WHEN report_date = ? THEN gpus ELSE 0 END)                       AS gpu_count,
                       SUM(CASE WHEN report_date = ? THEN gpu_hours END)                         AS gpu_hours,
                       SUM(CASE WHEN report_date = ? THEN cost END)                              AS cost_usd,
                       SUM(CASE WHEN report_date >= ? THEN cost END)                             AS month_to_date_usd,
                       SUM(CASE WHEN %2$s AND 2 * unknowns <= n THEN per_day END)                 AS trailing_usd,
                       SUM(CASE WHEN %2$s AND 2 * unknowns > n THEN 1 ELSE 0 END)                 AS trailing_left_out
                FROM (SELECT %1$s, report_date, COUNT(*) AS n, COUNT(*) - COUNT(cost_usd) AS unknowns,
                             SUM(gpu_count) AS gpus, SUM(hours * gpu_count) AS gpu_hours, SUM(cost_usd) AS cost,
                             SUM(%3$s) AS per_day
                      FROM daily_instance_cost WHERE report_date >= ? AND report_date <= ?
                      GROUP BY %1$s, report_date) per_date
                GROUP BY %1$s
                HAVING SUM(CASE WHEN report_date >= ? THEN n ELSE 0 END) > 0
                ORDER BY %1$s""".formatted(keys, averaged, MonthForecast.perDay("")))
                .param(reportDate).param(reportDate).param(reportDate).param(reportDate).param(reportDate)
                .param(monthStart)
                .params(trailing.days())
                .params(trailing.days())
                .param(monthStart.isBefore(trailing.start()) ? monthStart : trailing.start()).param(reportDate)
                .param(monthStart)
                .query((rs, n) -> {
                    int instances = rs.getInt("instance_count");
                    BigDecimal cost = rs.getBigDecimal("cost_usd");
                    BigDecimal hours = rs.getBigDecimal("gpu_hours");
                    BigDecimal monthToDate = rs.getBigDecimal("month_to_date_usd");
                    return new GroupedCostRow(reportDate, byRegion ? rs.getString("region") : null,
                            byGpuType ? rs.getString("gpu_type") : null, instances, rs.getInt("unknown_cost_count"),
                            rs.getInt("gpu_count"), hours == null && instances == 0 ? BigDecimal.ZERO : hours,
                            cost == null && instances == 0 ? BigDecimal.ZERO : cost, monthToDate,
                            MonthForecast.of(reportDate, monthToDate, rs.getBigDecimal("trailing_usd"),
                                    trailing.days().size() - rs.getInt("trailing_left_out")));
                })
                .list();
    }

    /**
     * The date's total, month to date and forecast. A total whose every cost is unknown is null, never 0: the unknown
     * count says how many instances it is missing.
     */
    Totals totals(LocalDate reportDate) {
        Trailing trailing = trailing(reportDate);
        LocalDate monthStart = reportDate.withDayOfMonth(1);
        return jdbc.sql("""
                SELECT SUM(CASE WHEN report_date = ? THEN cost_usd END),
                       SUM(CASE WHEN report_date >= ? THEN cost_usd END),
                       SUM(CASE WHEN %s THEN %s END),
                       SUM(CASE WHEN report_date = ? AND cost_usd IS NULL THEN 1 ELSE 0 END),
                       SUM(CASE WHEN report_date = ? THEN 1 ELSE 0 END),
                       SUM(CASE WHEN report_date >= ? THEN 1 ELSE 0 END)
                FROM daily_instance_cost WHERE report_date >= ? AND report_date <= ?""".formatted(trailing.condition("report_date"),
                        MonthForecast.perDay("")))
                .param(reportDate).param(monthStart).params(trailing.days()).param(reportDate).param(reportDate)
                .param(monthStart)
                .param(monthStart.isBefore(trailing.start()) ? monthStart : trailing.start()).param(reportDate)
                .query((rs, n) -> {
                    // no instance at all is a known zero; instances whose costs are all unknown are an unknown
                    BigDecimal cost = rs.getInt(5) == 0 ? BigDecimal.ZERO : rs.getBigDecimal(1);
                    BigDecimal monthToDate = rs.getInt(6) == 0 ? BigDecimal.ZERO : rs.getBigDecimal(2);
                    return new Totals(cost, rs.getInt(4), monthToDate,
                            MonthForecast.of(reportDate, monthToDate, rs.getBigDecimal(3), trailing), trailing.method());
                })
                .single();
    }

    /** The instances of the date, streamed: every call runs the query again, in instance order. */
    RowSource<InstanceCostRow> instances(LocalDate reportDate) {
        return action -> jdbc.sql("""
                SELECT c.instance_id, s.host_name, c.region, c.instance_type, c.gpu_type, c.gpu_count, s.status, s.start_time,
                       c.period_start, c.period_end, s.running_hours, s.total_cost, c.basis, c.hours, c.cost_usd,
                       c.price_per_hour, c.expected_cost_usd, s.cpu_cores, a.cost_center, a.team, a.project, a.environment
                FROM daily_instance_cost c
                LEFT JOIN instance_snapshot s ON s.report_date = c.report_date AND s.instance_id = c.instance_id
                LEFT JOIN daily_instance_allocation a ON a.report_date = c.report_date AND a.instance_id = c.instance_id
                WHERE c.report_date = ? ORDER BY c.instance_id""")
                .withFetchSize(1000)
                .param(reportDate)
                .query((ResultSet rs) -> {
                    action.accept(new InstanceCostRow(reportDate, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, Integer.class), rs.getString(7), instant(rs, 8), instant(rs, 9),
                            instant(rs, 10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13), rs.getBigDecimal(14),
                            rs.getBigDecimal(15), rs.getBigDecimal(16), rs.getBigDecimal(17), null,
                            rs.getObject(18, Integer.class),
                            new CostAllocation(rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22))));
                });
    }

    /** The prices per hour the date's charged instances showed, counted per SKU price's parts and price. */
    List<PriceSighting> priceSightings(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT c.region, c.gpu_type, c.gpu_count, s.cpu_cores, c.price_per_hour, COUNT(*)
                FROM daily_instance_cost c
                LEFT JOIN instance_snapshot s ON s.report_date = c.report_date AND s.instance_id = c.instance_id
                WHERE c.report_date = ? AND c.cost_usd IS NOT NULL AND c.price_per_hour IS NOT NULL
                GROUP BY c.region, c.gpu_type, c.gpu_count, s.cpu_cores, c.price_per_hour""")
                .param(reportDate)
                .query((rs, n) -> new PriceSighting(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class),
                        rs.getObject(4, Integer.class), rs.getBigDecimal(5), rs.getInt(6)))
                .list();
    }

    List<FindingRow> findings(LocalDate reportDate) {
        return jdbc.sql("""
                SELECT report_date, scope, instance_id, kind, severity, expected_usd, actual_usd, difference_usd, detail
                FROM reconciliation_finding WHERE report_date = ?
                ORDER BY CASE severity WHEN 'ERROR' THEN 0 WHEN 'WARN' THEN 1 ELSE 2 END, kind, instance_id, finding_id""")
                .param(reportDate)
                .query((rs, n) -> new FindingRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        rs.getString(9)))
                .list();
    }

    List<DailyTotal> dailyTotals(LocalDate from, LocalDate to) {
        return MonthForecast.dailyTotals(jdbc, from, to);
    }

    /** Every (day, region, GPU type) of the month. */
    List<GroupedCostRow> monthDays(YearMonth month) {
        return jdbc.sql("""
                SELECT report_date, region, gpu_type, COUNT(*), COUNT(*) - COUNT(cost_usd), SUM(gpu_count),
                       SUM(hours * gpu_count), SUM(cost_usd)
                FROM daily_instance_cost WHERE report_date BETWEEN ? AND ?
                GROUP BY report_date, region, gpu_type ORDER BY report_date, region, gpu_type""")
                .param(month.atDay(1)).param(month.atEndOfMonth())
                .query((rs, n) -> new GroupedCostRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getBigDecimal(7), rs.getBigDecimal(8), null, null))
                .list();
    }

    /** The month's totals by region or by GPU type: distinct instances, instance-days of unknown cost, GPU-hours, cost. */
    List<GroupedCostRow> monthTotals(YearMonth month, boolean byRegion) {
        String key = byRegion ? "region" : "gpu_type";
        return jdbc.sql("""
                SELECT c.%1$s, COUNT(DISTINCT c.instance_id), COUNT(*) - COUNT(c.cost_usd), SUM(c.hours * c.gpu_count),
                       SUM(c.cost_usd), MAX(c.report_date), MAX(g.gpus)
                FROM daily_instance_cost c
                JOIN (SELECT %1$s, SUM(gpu_count) AS gpus
                      FROM (SELECT DISTINCT %1$s, instance_id, gpu_count FROM daily_instance_cost
                            WHERE report_date BETWEEN ? AND ?) instances
                      GROUP BY %1$s) g ON g.%1$s = c.%1$s
                WHERE c.report_date BETWEEN ? AND ? GROUP BY c.%1$s ORDER BY c.%1$s""".formatted(key))
                .param(month.atDay(1)).param(month.atEndOfMonth()).param(month.atDay(1)).param(month.atEndOfMonth())
                .query((rs, n) -> new GroupedCostRow(rs.getObject(6, LocalDate.class), byRegion ? rs.getString(1) : null,
                        byRegion ? null : rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(7), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(5), null))
                .list();
    }

    /**
     * The trailing window of the forecast: up to 7 days ending on the date, no earlier than the first report date,
     * leaving out the days whose costs are mostly unknown (a first night's baselines would pull the average down).
     */
    private Trailing trailing(LocalDate reportDate) {
        return MonthForecast.trailing(jdbc, reportDate);
    }

    private Map<String, Integer> counts(String sql, LocalDate reportDate) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql(sql).param(reportDate).query((ResultSet rs) -> {
            counts.put(rs.getString(1), rs.getInt(2));
        });
        return counts;
    }

    private static AccountCheck accountCheck(ResultSet rs, int row) throws SQLException {
        return new AccountCheck(instant(rs, "window_start"), instant(rs, "window_end"), rs.getBigDecimal("instances_cost_usd"),
                rs.getBigDecimal("account_charges_usd"), rs.getBigDecimal("difference_usd"), rs.getBigDecimal("bound_usd"),
                rs.getString("status"), rs.getString("reason"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** @param costUsd null when every cost of the date is unknown; {@code unknownCostCount} says how many */
    record Totals(BigDecimal costUsd, int unknownCostCount, BigDecimal monthToDateUsd, BigDecimal forecastMonthUsd,
                  String forecastMethod) {
    }
}
