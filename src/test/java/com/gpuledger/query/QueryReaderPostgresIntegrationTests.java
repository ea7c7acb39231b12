package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** PostgreSQL: the reader role has SELECT only, is not the job's role, and its sessions are read-only. */
class QueryReaderPostgresIntegrationTests extends QueryReaderScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }

    @Override
    Map<String, String> reader(TestDatabase database) {
        return PostgresDatabases.readerRole(database);
    }

    @Override
    String sessionIdSql() {
        return "SELECT pg_backend_pid()";
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT pg_read_file('/etc/passwd')",
            "SELECT \"pg_read_file\"('/etc/passwd')",
            "SELECT pg_ls_dir('/')",
            "SELECT lo_import('/etc/passwd')",
            "COPY ledger_run TO '{dir}/written'",
            "COPY (SELECT 1) TO PROGRAM 'touch {dir}/written'",
            "SELECT pg_terminate_backend({session})",
            "SELECT \"pg_terminate_backend\"(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()",
            "SELECT pg_cancel_backend({session})",
            "SELECT nextval('batch_job_instance_seq')",
            "SELECT setval('batch_job_instance_seq', 1000)",
            "SELECT E'\\''; COMMIT; UPDATE ledger_run SET message='x' --'",
            "SELECT 1 AS _$x$; COMMIT; CREATE TABLE stolen AS SELECT 1; SELECT 1 AS _$x$",
            "SET default_transaction_read_only = off; UPDATE ledger_run SET message = 'x'",
            "COMMIT; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM ledger_run",
            "DO $$ BEGIN UPDATE ledger_run SET message = 'x'; END $$",
            "CREATE FUNCTION stolen() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "SELECT * FROM ledger_run FOR UPDATE",
            "LOCK TABLE ledger_run",
            "TRUNCATE ledger_run",
    })
    void theReaderIsRefusedAndNothingHappens(String attack) throws SQLException {
        String sequence = jdbc.sql("SELECT CAST(last_value AS VARCHAR) FROM batch_job_instance_seq").query(String.class).single();

        assertRefusedAndHarmless(attack);

        assertReads();
        assertThat(jdbc.sql("SELECT CAST(last_value AS VARCHAR) FROM batch_job_instance_seq").query(String.class).single())
                .isEqualTo(sequence);
    }

    @Test
    void aSuperuserOrAMemberOfTheJobsRoleIsRefusedAsTheReader() {
        String role = environment.get("LEDGER_QUERY_USERNAME");
        for (String grant : new String[]{"ALTER ROLE " + role + " SUPERUSER", "ALTER ROLE " + role + " NOSUPERUSER",
                "GRANT " + jdbc.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'ledger_run'").query(String.class).single()
                        + " TO " + role}) {
            jdbc.sql(grant).update();
            if (grant.endsWith("NOSUPERUSER")) {
                continue;
            }
            LedgerProcess.Result result = new LedgerProcess(home).with(environment).execute("query", "SELECT COUNT(*) FROM ledger_run");

            assertThat(result.exitCode()).as(grant).isEqualTo(64);
            assertThat(result.err()).contains("the login " + role + " may change the database");
        }
    }

    @Test
    void theReadersSessionsAreReadOnlyAndItOwnsNothing() throws SQLException {
        try (Connection reader = reader(); Statement statement = reader.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SHOW default_transaction_read_only")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("on");
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND pg_has_role(current_user, tableowner, 'MEMBER')")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }
}
