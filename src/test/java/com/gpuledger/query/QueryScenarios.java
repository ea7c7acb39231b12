package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

/** {@code query} against a migrated database: reads work, nothing that writes gets through, the data stays. */
abstract class QueryScenarios {

    @TempDir
    Path home;
    LedgerProcess ledger;
    JdbcClient jdbc;

    abstract TestDatabase database(Path home);

    @BeforeEach
    void migratedDatabaseWithARun() {
        TestDatabase database = database(home);
        jdbc = database.jdbc();
        ledger = new LedgerProcess(home).with(database.environment());
        // the run is refused (date in the future) after migrating, which leaves one ledger_run row
        ledger.with("LEDGER_API_TOKEN", "x").execute("run", "--date=2999-01-01");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aSelectPrintsAnAlignedTableOrCsv() {
        LedgerProcess.Result table = ledger.execute("query", "SELECT command, outcome, exit_code FROM ledger_run -- the refused run");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("command | outcome | exit_code").contains("run     | REFUSED | 64").contains("(1 row)");

        LedgerProcess.Result csv = ledger.execute("query", "SELECT command, outcome FROM ledger_run", "--format=csv");
        assertThat(csv.out()).isEqualTo("command,outcome\r\nrun,REFUSED\r\n");
    }

    @Test
    void theSchemaListsTablesAndViewsWithTheirColumns() {
        LedgerProcess.Result schema = ledger.execute("query", "--schema");
        assertThat(schema.exitCode()).isZero();
        assertThat(schema.out()).containsIgnoringCase("table instance_snapshot (report_date")
                .containsIgnoringCase("view  v_daily_cost (report_date")
                .containsIgnoringCase("view  v_open_findings");
    }

    @Test
    void withoutADatabaseQueryCreatesNone(@TempDir Path elsewhere) {
        LedgerProcess.Result result = new LedgerProcess(elsewhere).execute("query", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("no database at");
        assertThat(elsewhere.resolve("data")).doesNotExist();

        LedgerProcess.Result explicit = new LedgerProcess(elsewhere)
                .with("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + elsewhere.resolve("other/ledger")).execute("query", "SELECT 1");
        assertThat(explicit.exitCode()).isEqualTo(1);
        assertThat(explicit.err()).contains("not found");
        assertThat(elsewhere.resolve("other")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE ledger_run SET outcome = 'X'", "DROP TABLE ledger_run", "SELECT 1; DROP TABLE ledger_run",
            "WITH d AS (DELETE FROM ledger_run RETURNING run_id) SELECT * FROM d", "DELETE FROM ledger_run",
            "SELECT * INTO stolen FROM ledger_run"})
    void nothingThatWritesGetsThrough(String sql) {
        LedgerProcess.Result result = ledger.execute("query", sql);

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("query refused").doesNotContain("Exception");
        assertThat(count()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT outcome FROM ledger_run").query(String.class).single()).isEqualTo("REFUSED");
    }

    private int count() {
        return jdbc.sql("SELECT COUNT(*) FROM ledger_run").query(Integer.class).single();
    }
}
