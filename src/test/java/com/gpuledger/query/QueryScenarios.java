package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.support.FutureDate;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

/**
 * {@code query} against a migrated database, as an attacker would use it: every statement below is refused, and the
 * database shows it: no file written, no row or sequence changed, the job's own session still alive.
 */
abstract class QueryScenarios {

    @TempDir
    Path home;
    @TempDir
    Path outside;
    TestDatabase database;
    LedgerProcess ledger;
    JdbcClient jdbc;
    /** A session of the job's own login, held open while the attacks run: no statement may end it. */
    Connection jobSession;
    long jobSessionId;

    abstract TestDatabase database(Path home);

    /** The reader's variables (PostgreSQL: a role created as the README says); empty where the migration makes it. */
    abstract Map<String, String> reader(TestDatabase database);

    abstract String sessionIdSql();

    abstract String sequenceValueSql();

    @BeforeEach
    void migratedDatabaseWithARun() throws SQLException {
        database = database(home);
        jdbc = database.jdbc();
        ledger = new LedgerProcess(home).with(database.environment()).with(reader(database));
        // the run is refused (date in the future) after migrating, which leaves one ledger_run row
        ledger.with("LEDGER_API_TOKEN", "x").execute("run", FutureDate.refusedRunDate());
        assertThat(count()).isEqualTo(1);
        jobSession = database.dataSource().getConnection();
        try (Statement statement = jobSession.createStatement(); ResultSet rows = statement.executeQuery(sessionIdSql())) {
            rows.next();
            jobSessionId = rows.getLong(1);
        }
    }

    @AfterEach
    void closeJobSession() throws SQLException {
        jobSession.close();
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
    void aCommentAfterTheSemicolonIsNoSecondStatement() {
        LedgerProcess.Result result = ledger.execute("query", "SELECT COUNT(*) AS runs FROM ledger_run; -- the refused run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("runs").contains("(1 row)");
    }

    @Test
    void anUnaliasedSumIsHeadedByItsExpression() {
        LedgerProcess.Result result = ledger.execute("query", "SELECT command, SUM(exit_code) FROM ledger_run GROUP BY command");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("command | SUM(exit_code)").contains("run     | 64").doesNotContain("?column?");
    }

    @Test
    void theTableStopsAtTheRowLimitAndSaysSo() {
        LedgerProcess limited = ledger.with("LEDGER_QUERY_MAX_ROWS", "2");

        LedgerProcess.Result table = limited.execute("query", "VALUES (1), (2), (3)");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().filter(line -> line.matches("[123]"))).containsExactly("1", "2");
        assertThat(table.out()).contains("(the first 2 rows; there are more: LEDGER_QUERY_MAX_ROWS=2");

        LedgerProcess.Result csv = limited.execute("query", "VALUES (1), (2), (3)", "--format=csv");
        assertThat(csv.out().lines().skip(1)).containsExactly("1", "2", "3");
    }

    @Test
    void aNonReservedWordIsAnAliasAsInPostgresql() {
        LedgerProcess.Result result = ledger.execute("query", "SELECT COUNT(*) AS Unknown, MIN(command) AS command FROM ledger_run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().findFirst().orElseThrow()).isEqualTo("unknown | command");
    }

    @Test
    void aTypoInAColumnIsExit64WithTheDatabasesWholeMessage() {
        LedgerProcess.Result result = ledger.execute("query", "SELECT comand FROM ledger_run");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).startsWith("gpu-ledger: the database refused the query: ").contains("comand")
                .doesNotContain("Exception");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void aQueryLongerThanTheTimeoutIsCancelled() {
        LedgerProcess.Result result = ledger.with("LEDGER_QUERY_TIMEOUT", "1s").execute("query",
                "SELECT COUNT(*) FROM information_schema.columns a, information_schema.columns b, "
                        + "information_schema.columns c, information_schema.columns d");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("longer than LEDGER_QUERY_TIMEOUT");
    }

    @Test
    void theSchemaListsTablesAndViewsWithTheirColumns() {
        LedgerProcess.Result schema = ledger.execute("query", "--schema");
        assertThat(schema.exitCode()).as(schema.err()).isZero();
        assertThat(schema.out()).containsIgnoringCase("table instance_snapshot (report_date")
                .containsIgnoringCase("view  v_daily_cost (report_date")
                .containsIgnoringCase("view  v_open_findings");
    }

    @Test
    void theJobsOwnLoginIsRefusedUnlessAsOwnerIsGiven() {
        String owner = database.environment().getOrDefault("SPRING_DATASOURCE_USERNAME", "sa");
        // a login names a database: on H2 too it is given with the URL it belongs to
        LedgerProcess asJob = new LedgerProcess(home).with("SPRING_DATASOURCE_URL", TestDatabase.h2Url(home, ""))
                .with(database.environment()).with("LEDGER_QUERY_USERNAME", owner).with("LEDGER_QUERY_PASSWORD", "");

        LedgerProcess.Result refused = asJob.execute("query", "SELECT COUNT(*) FROM ledger_run");
        assertThat(refused.exitCode()).isEqualTo(64);
        assertThat(refused.err()).contains("the job's own login " + owner);

        LedgerProcess.Result owned = ledger.execute("query", "SELECT COUNT(*) AS runs FROM ledger_run", "--as-owner");
        assertThat(owned.exitCode()).as(owned.err()).isZero();
        assertThat(owned.out()).contains("1");
        assertThat(owned.err()).contains("--as-owner").contains(owner);
    }

    @Test
    void withoutADatabaseQueryCreatesNone(@TempDir Path elsewhere) {
        LedgerProcess.Result result = new LedgerProcess(elsewhere).execute("query", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("no database at " + elsewhere.resolve("data/ledger.mv.db"));
        assertThat(elsewhere.resolve("data")).doesNotExist();

        LedgerProcess.Result explicit = new LedgerProcess(elsewhere)
                .with("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + elsewhere.resolve("other/ledger")).execute("query", "SELECT 1");
        assertThat(explicit.exitCode()).isEqualTo(64);
        assertThat(explicit.err()).contains("no database at " + elsewhere.resolve("other/ledger.mv.db"));
        assertThat(explicit.err().lines()).hasSize(1);
        assertThat(elsewhere.resolve("other")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE ledger_run SET outcome = 'X'",
            "DROP TABLE ledger_run",
            "SELECT 1; DROP TABLE ledger_run",
            "WITH d AS (DELETE FROM ledger_run RETURNING run_id) SELECT * FROM d",
            "DELETE FROM ledger_run",
            "SELECT * INTO stolen FROM ledger_run",
            // files read or written through the database
            "SELECT * FROM CSVREAD('/etc/passwd')",
            "SELECT \"CSVREAD\"('/etc/passwd')",
            "SELECT FILE_READ('/etc/passwd')",
            "SELECT \"FILE_WRITE\"(X'41', '{dir}/written')",
            "SELECT U&\"FILE\\005fWRITE\"(X'41', '{dir}/written')",
            "SELECT CSVWRITE('{dir}/written', 'SELECT * FROM ledger_run')",
            "SELECT * FROM LINK_SCHEMA('linked', '', 'jdbc:h2:{dir}/written', 'sa', '', 'public')",
            "SELECT pg_read_file('/etc/passwd')",
            "SELECT \"pg_read_file\"('/etc/passwd')",
            "SELECT lo_import('/etc/passwd')",
            "COPY ledger_run TO '{dir}/written'",
            // a second statement hidden from a scanner: H2 // comments, E'' escapes, dollar tags, nested comments
            "SELECT 1 //'\n; UPDATE ledger_run SET message='x'; COMMIT --'",
            "SELECT 1 //'\n; SCRIPT TO '{dir}/written' --'",
            "SELECT 1 //'\n; CREATE ALIAS WRITE_IT AS 'String w() throws Exception { return \"x\"; }' --'",
            "SELECT E'\\''; COMMIT; UPDATE ledger_run SET message='x' --'",
            "SELECT 1 AS _$x$; COMMIT; CREATE TABLE stolen AS SELECT 1; SELECT 1 AS _$x$",
            "SELECT $a$ ; UPDATE ledger_run SET message = 'x'; $a$",
            "SELECT 1 /* /* */ ; UPDATE ledger_run SET message = 'x' -- */",
            "SELECT 1 -- \n; UPDATE ledger_run SET message = 'x'",
            "SELECT 1; COMMIT",
            "COMMIT",
            "SCRIPT TO '{dir}/written'",
            "CREATE ALIAS WRITE_IT AS 'String w() { return \"x\"; }'",
            "SET default_transaction_read_only = off",
            "EXPLAIN ANALYZE DELETE FROM ledger_run",
            // other sessions: the nightly job's
            "SELECT ABORT_SESSION({session})",
            "SELECT CANCEL_SESSION({session})",
            "SELECT pg_terminate_backend({session})",
            "SELECT \"pg_terminate_backend\"(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
            "SELECT pg_cancel_backend({session})",
            // sequences and locks
            "SELECT NEXT VALUE FOR batch_job_instance_seq",
            "SELECT nextval('batch_job_instance_seq')",
            "SELECT \"NEXTVAL\"('batch_job_instance_seq')",
            "SELECT U&\"NEXT\\0056AL\"('batch_job_instance_seq')",
            "SELECT setval('batch_job_instance_seq', 1000)",
            "SELECT * FROM ledger_run FOR UPDATE",
            // ... anywhere in the tree (issue 22): only listed constructs and functions pass
            "SELECT run_id FROM ledger_run ORDER BY nextval('batch_step_execution_seq')",
            "SELECT command FROM ledger_run GROUP BY command, nextval('batch_step_execution_seq')",
            "SELECT run_id FROM ledger_run LIMIT nextval('batch_step_execution_seq')",
            "SELECT COUNT(*) FILTER (WHERE nextval('batch_step_execution_seq') > 0) FROM ledger_run",
            "SELECT JSON_OBJECT('k': nextval('batch_step_execution_seq')) FROM ledger_run",
            "SELECT pg_advisory_lock(1), pg_sleep(1)",
            "SELECT run_id FROM ledger_run ORDER BY pg_advisory_xact_lock(run_id)",
    })
    void nothingThatWritesGetsThrough(String attack) throws SQLException {
        String sql = attack.replace("{dir}", outside.toString()).replace("{session}", Long.toString(jobSessionId));
        String sequence = jdbc.sql(sequenceValueSql()).query(String.class).single();

        LedgerProcess.Result result = ledger.execute("query", sql);

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(64);
        assertThat(result.err()).doesNotContain("Exception");
        assertThat(outside).isEmptyDirectory();
        assertThat(count()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT outcome FROM ledger_run").query(String.class).single()).isEqualTo("REFUSED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ledger_run WHERE message = 'x'").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'stolen'")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql(sequenceValueSql()).query(String.class).single()).isEqualTo(sequence);
        assertThat(jobSession.isValid(2)).isTrue();
        try (Statement statement = jobSession.createStatement(); ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM ledger_run")) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(Files.exists(Path.of("/tmp/written"))).isFalse();
    }

    private int count() {
        return jdbc.sql("SELECT COUNT(*) FROM ledger_run").query(Integer.class).single();
    }
}
