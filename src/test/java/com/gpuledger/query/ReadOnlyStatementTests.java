package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.gpuledger.run.UsageException;

class ReadOnlyStatementTests {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "select * from v_daily_cost;",
            "  -- the month so far\n SELECT SUM(cost_usd) FROM daily_instance_cost /* all regions */ WHERE report_date >= '2026-11-01'",
            "WITH d AS (SELECT report_date FROM ledger_run) SELECT * FROM d",
            "VALUES (1, 2)",
            "TABLE ledger_run",
            "EXPLAIN SELECT * FROM instance_snapshot",
            "SELECT 'DELETE FROM x; DROP TABLE y' AS text",
            "SELECT \"update\" FROM t",
            "(SELECT 1) UNION (SELECT 2)",
            "SELECT REPLACE(host_name, '-', '_') FROM instance_snapshot",
            "SELECT $$ DROP TABLE x; $$",
            "SELECT region, SUM(cost_usd) FILTER (WHERE basis = 'DELTA'), cost_usd::text FROM daily_instance_cost GROUP BY 1, 3",
            "SELECT SUM(unknown_cost_count) AS unknown FROM v_daily_cost",
            "SELECT SUM(unknown_cost_count) AS \"unknown\" FROM v_daily_cost",
            "SELECT report_date AS month, COUNT(*) AS value FROM v_daily_cost GROUP BY report_date",
            "SELECT x AS unknown FROM (SELECT 1 AS x) AS month",
            "SELECT region, ROUND(SUM(cost_usd), 2), AVG(hours), MIN(report_date), MAX(report_date), COUNT(DISTINCT instance_id) FROM daily_instance_cost GROUP BY region ORDER BY 2 DESC NULLS LAST LIMIT 10 OFFSET 5",
            "SELECT instance_id, cost_usd, RANK() OVER (PARTITION BY region ORDER BY cost_usd DESC), LAG(cost_usd) OVER w FROM daily_instance_cost WINDOW w AS (ORDER BY report_date)",
            "SELECT SUM(cost_usd) OVER (ORDER BY report_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) FROM v_daily_cost",
            "SELECT CASE WHEN cost_usd > 100 THEN 'big' ELSE 'small' END, COALESCE(region, '?'), NULLIF(gpu_type, '') FROM daily_instance_cost",
            "SELECT CAST(cost_usd AS DECIMAL(12, 2)), EXTRACT(MONTH FROM report_date), DATE_TRUNC('month', report_date), CURRENT_DATE - 7 FROM v_daily_cost",
            "SELECT LOWER(host_name), UPPER(region), SUBSTRING(host_name FROM 1 FOR 3), TRIM(BOTH ' ' FROM region), LENGTH(host_name), host_name || '-' || region FROM instance_snapshot",
            "SELECT * FROM instance_snapshot s JOIN daily_instance_cost c ON c.instance_id = s.instance_id LEFT JOIN ledger_run r USING (report_date) WHERE s.region IN ('us', 'eu') AND c.cost_usd BETWEEN 1 AND 2 AND s.host_name LIKE 'gpu%' AND r.message IS NULL",
            "SELECT * FROM v_daily_cost WHERE report_date > (SELECT MAX(report_date) - INTERVAL '7 days' FROM ledger_run) AND EXISTS (SELECT 1 FROM ledger_run)",
            "SELECT STRING_AGG(region, ',' ORDER BY region), JSON_OBJECT('a': 1), pg_catalog.lower('X') FROM daily_instance_cost",
            "SELECT payload::json->>'id' FROM instance_snapshot",
            "SELECT * FROM generate_series(1, 3)",
            "EXPLAIN SELECT COUNT(*) FROM v_daily_cost GROUP BY region HAVING SUM(cost_usd) > 0",
    })
    void readOnlyStatementsPass(String sql) {
        assertThat(ReadOnlyStatement.check(sql).sql()).doesNotEndWith(";").isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "UPDATE instance_snapshot SET total_cost = 0                    | UPDATE statement",
            "DROP TABLE instance_snapshot                                    | DROP statement",
            "SELECT 1; DROP TABLE x                                          | exactly one statement",
            "SELECT 1; SELECT 2                                              | exactly one statement",
            "SELECT 1 //'\\n; UPDATE ledger_run SET message='x'; COMMIT --'  | exactly one statement",
            "SELECT 1 AS _$x$; COMMIT; CREATE TABLE t AS SELECT 1; SELECT 1 AS _$x$ | exactly one statement",
            "SELECT E'\\''; COMMIT; UPDATE ledger_run SET message='x' --'    | does not parse",
            "SELECT $a$ ; DELETE FROM ledger_run; $a$                        | does not parse",
            "SELECT 1 /* /* */ ; DELETE FROM ledger_run -- */               | exactly one statement",
            "WITH d AS (DELETE FROM ledger_run RETURNING *) SELECT * FROM d  | DELETE",
            "SELECT * INTO copy FROM ledger_run                              | INTO",
            "SELECT * FROM ledger_run FOR UPDATE                             | FOR UPDATE",
            "SELECT * FROM (SELECT * FROM ledger_run FOR UPDATE) r           | FOR UPDATE",
            "EXPLAIN ANALYZE DELETE FROM ledger_run                          | does not parse",
            "/* SELECT */ DELETE FROM ledger_run                             | DELETE statement",
            "-- SELECT\\nTRUNCATE ledger_run                                 | TRUNCATE statement",
            "SELECT NEXT VALUE FOR batch_job_instance_seq                    | NEXT VALUE FOR",
            "SELECT nextval('s')                                             | nextval() is a sequence function",
            "SELECT \"NEXTVAL\"('s')                                         | nextval() is a sequence function",
            "SELECT U&\"NEXT\\0056AL\"('s')                                  | query refused",
            "SELECT x FROM t WHERE x > (SELECT public.setval('s', 1))        | setval() is a sequence function",
            "''                                                              | empty",
            "SELECT 'unclosed                                                | does not parse",
            "SELECT * FROM t ORDER BY nextval('batch_step_execution_seq')    | nextval()",
            "SELECT region FROM t GROUP BY region, nextval('s')              | nextval()",
            "SELECT 1 FROM t LIMIT nextval('s')                              | nextval()",
            "SELECT COUNT(*) FILTER (WHERE nextval('s') > 0) FROM t          | nextval()",
            "SELECT JSON_OBJECT('k': nextval('s'))                           | nextval()",
            "SELECT JSON_OBJECT('k': NEXT VALUE FOR s)                       | NEXT VALUE FOR",
            "SELECT SUM(x) OVER (ORDER BY nextval('s')) FROM t               | nextval()",
            "SELECT CASE WHEN 1 = 1 THEN nextval('s') END                     | nextval()",
            "SELECT CAST(nextval('s') AS TEXT)                               | nextval()",
            "SELECT * FROM t WHERE x IN (SELECT currval('s'))                | currval()",
            "SELECT pg_advisory_lock(1), pg_sleep(200)                       | pg_advisory_lock()",
            "SELECT pg_try_advisory_xact_lock(1)                             | pg_try_advisory_xact_lock()",
            "SELECT 1 ORDER BY pg_sleep(200)                                 | pg_sleep()",
            "SELECT SLEEP(200)                                               | SLEEP()",
            "SELECT set_config('statement_timeout', '0', false)              | set_config()",
            "SELECT pg_terminate_backend(1)                                  | pg_terminate_backend()",
            "SELECT lo_import('/etc/passwd')                                 | lo_import()",
            "SELECT public.lower('x')                                        | public.lower()",
            "SELECT * FROM t FOR SHARE                                       | FOR UPDATE / FOR SHARE",
            "SELECT * FROM t FOR UPDATE SKIP LOCKED                          | FOR UPDATE / FOR SHARE",
            "SELECT @x := 1                                                  | not among the read-only constructs",
            "SELECT * FROM t WHERE x = ?                                     | not among the read-only constructs",
            "SELECT SUM(x) AS FROM t                                         | at line 1, column 23: \"t\"",
            "CALL something()                                                | statement",
            "COMMIT                                                          | COMMIT statement",
            "SET default_transaction_read_only = off                         | statement",
    })
    void writingOrSeveralStatementsAreRefused(String sql, String reason) {
        assertThatThrownBy(() -> ReadOnlyStatement.check(sql.replace("\\n", "\n")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("query refused")
                .hasMessageContaining(reason);
    }

    @Test
    void aWordAfterAsIsQuotedAsTheAliasItIsSoWhatIsCheckedIsWhatRuns() {
        assertThat(ReadOnlyStatement.check("SELECT SUM(unknown_cost_count) AS Unknown FROM v_daily_cost").sql())
                .isEqualTo("SELECT SUM(unknown_cost_count) AS \"unknown\" FROM v_daily_cost");
    }

    @Test
    void aRefusalPointsAtTheTokenItStoppedAt() {
        assertThatThrownBy(() -> ReadOnlyStatement.check("SELECT region,\n  SUM(cost_usd) cost_usd) FROM t"))
                .hasMessageContaining("at line 2, column 25: \")\"");
    }

    @Test
    void anUnaliasedExpressionIsHeadedByItsText() {
        ReadOnlyStatement.Checked checked = ReadOnlyStatement.check("SELECT region, SUM(cost_usd), SUM(hours) AS hours FROM t GROUP BY region");

        assertThat(checked.expressions()).containsExactly(null, "SUM(cost_usd)", null);
        assertThat(ReadOnlyStatement.check("SELECT *, 1 + 1 FROM t").expressions()).isEmpty();
        assertThat(ReadOnlyStatement.check("EXPLAIN SELECT COUNT(*) FROM t").expressions()).isEmpty();
    }
}
