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
            "WITH d AS (DELETE FROM ledger_run RETURNING *) SELECT * FROM d  | a WITH part writes",
            "SELECT * INTO copy FROM ledger_run                              | INTO",
            "SELECT * FROM ledger_run FOR UPDATE                             | FOR UPDATE",
            "SELECT * FROM (SELECT * FROM ledger_run FOR UPDATE) r           | FOR UPDATE",
            "EXPLAIN ANALYZE DELETE FROM ledger_run                          | does not parse",
            "/* SELECT */ DELETE FROM ledger_run                             | DELETE statement",
            "-- SELECT\\nTRUNCATE ledger_run                                 | TRUNCATE statement",
            "SELECT NEXT VALUE FOR batch_job_instance_seq                    | NEXT VALUE FOR",
            "SELECT nextval('s')                                             | nextval() changes a sequence",
            "SELECT \"NEXTVAL\"('s')                                         | nextval() changes a sequence",
            "SELECT U&\"NEXT\\0056AL\"('s')                                  | nextval() changes a sequence",
            "SELECT x FROM t WHERE x > (SELECT public.setval('s', 1))        | setval() changes a sequence",
            "''                                                              | empty",
            "SELECT 'unclosed                                                | does not parse",
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
    void anUnaliasedExpressionIsHeadedByItsText() {
        ReadOnlyStatement.Checked checked = ReadOnlyStatement.check("SELECT region, SUM(cost_usd), SUM(hours) AS hours FROM t GROUP BY region");

        assertThat(checked.expressions()).containsExactly(null, "SUM(cost_usd)", null);
        assertThat(ReadOnlyStatement.check("SELECT *, 1 + 1 FROM t").expressions()).isEmpty();
        assertThat(ReadOnlyStatement.check("EXPLAIN SELECT COUNT(*) FROM t").expressions()).isEmpty();
    }
}
