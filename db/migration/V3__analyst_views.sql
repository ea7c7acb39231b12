-- Views for analysts (contracts section 4). Amounts are sums of stored values; NULL costs stay unknown.

CREATE VIEW v_daily_cost AS
SELECT report_date,
       region,
       gpu_type,
       COUNT(*)                    AS instance_count,
       COUNT(*) - COUNT(cost_usd)  AS unknown_cost_count,
       SUM(gpu_count)              AS gpu_count,
       SUM(hours * gpu_count)      AS gpu_hours,
       SUM(cost_usd)               AS cost_usd
FROM daily_instance_cost
GROUP BY report_date, region, gpu_type;

-- For every report date, each (region, GPU type) with its cost since the first of that date's month.
CREATE VIEW v_month_to_date AS
SELECT d.report_date,
       g.region,
       g.gpu_type,
       SUM(CASE WHEN g.report_date = d.report_date THEN g.cost_usd END) AS cost_usd,
       SUM(g.cost_usd)                                                  AS month_to_date_usd,
       SUM(g.unknown_cost_count)                                        AS unknown_cost_count_month,
       SUM(g.gpu_hours)                                                 AS gpu_hours_month
FROM (SELECT DISTINCT report_date FROM daily_instance_cost) d
JOIN v_daily_cost g
  ON g.report_date <= d.report_date
 AND EXTRACT(YEAR FROM g.report_date) = EXTRACT(YEAR FROM d.report_date)
 AND EXTRACT(MONTH FROM g.report_date) = EXTRACT(MONTH FROM d.report_date)
GROUP BY d.report_date, g.region, g.gpu_type;

CREATE VIEW v_instance_cost_history AS
SELECT c.report_date,
       c.instance_id,
       s.host_name,
       c.region,
       c.instance_type,
       c.gpu_type,
       c.gpu_count,
       s.status,
       c.basis,
       c.hours,
       c.cost_usd,
       c.price_per_hour,
       c.expected_cost_usd,
       c.period_start,
       c.period_end,
       c.days_covered,
       s.running_hours AS running_hours_total,
       s.total_cost    AS total_cost_usd
FROM daily_instance_cost c
LEFT JOIN instance_snapshot s ON s.report_date = c.report_date AND s.instance_id = c.instance_id;

-- WARN and ERROR findings of the latest report date whose run completed.
CREATE VIEW v_open_findings AS
SELECT f.report_date, f.scope, f.instance_id, f.kind, f.severity, f.expected_usd, f.actual_usd, f.difference_usd, f.detail
FROM reconciliation_finding f
WHERE f.severity IN ('WARN', 'ERROR')
  AND f.report_date = (SELECT MAX(report_date) FROM ledger_run
                       WHERE command = 'run' AND outcome IN ('SUCCEEDED', 'PARTIAL', 'DISCREPANCY'));
