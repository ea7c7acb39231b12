package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    })
    void readOnlyStatementsPass(String sql) {
        assertThat(ReadOnlyStatement.check(sql)).doesNotEndWith(";").doesNotContain("--").doesNotContain("/*");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "UPDATE instance_snapshot SET total_cost = 0                 | begins with UPDATE",
            "DROP TABLE instance_snapshot                                 | begins with DROP",
            "SELECT 1; DROP TABLE x                                       | exactly one statement",
            "SELECT 1;; SELECT 2                                          | exactly one statement",
            "WITH d AS (DELETE FROM ledger_run RETURNING *) SELECT * FROM d | contains DELETE",
            "SELECT * INTO copy FROM ledger_run                           | contains INTO",
            "EXPLAIN ANALYZE DELETE FROM ledger_run                       | contains ANALYZE",
            "/* SELECT */ DELETE FROM ledger_run                          | begins with DELETE",
            "-- SELECT\\nTRUNCATE ledger_run                              | begins with TRUNCATE",
            "SELECT nextval('s')                                          | contains NEXTVAL",
            "SELECT CSVWRITE('/tmp/x.csv', 'SELECT 1')                    | contains CSVWRITE",
            "''                                                           | empty",
            "SELECT 'unclosed                                             | not closed",
            "CALL something()                                             | begins with CALL",
    })
    void writingOrSeveralStatementsAreRefused(String sql, String reason) {
        assertThatThrownBy(() -> ReadOnlyStatement.check(sql.replace("\\n", "\n")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("query refused")
                .hasMessageContaining(reason);
    }
}
