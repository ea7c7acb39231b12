package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.gpuledger.support.FutureDate;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

/** H2: {@code ledger_query} has SELECT grants only and no admin rights, so H2 refuses it every file, code and session function. */
class QueryReaderFunctionalTests extends QueryReaderScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }

    @Override
    Map<String, String> reader(TestDatabase database) {
        return Map.of();
    }

    @Override
    String sessionIdSql() {
        return "SELECT SESSION_ID()";
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM CSVREAD('/etc/passwd')",
            "SELECT FILE_READ('/etc/passwd')",
            "SELECT FILE_WRITE(X'41', '{dir}/written')",
            "SELECT \"FILE_WRITE\"(X'41', '{dir}/written')",
            "SELECT U&\"FILE\\005fWRITE\"(X'41', '{dir}/written')",
            "SELECT CSVWRITE('{dir}/written', 'SELECT * FROM ledger_run')",
            "SELECT * FROM LINK_SCHEMA('linked', '', 'jdbc:h2:{dir}/written', 'sa', '', 'public')",
            "CALL LINK_SCHEMA('linked', '', 'jdbc:h2:{dir}/written', 'sa', '', 'public')",
            "SCRIPT TO '{dir}/written'",
            "BACKUP TO '{dir}/written.zip'",
            "RUNSCRIPT FROM '/etc/passwd'",
            "CREATE ALIAS WRITE_IT AS 'String w() throws Exception { java.nio.file.Files.writeString(java.nio.file.Path.of(\"{dir}/written\"), \"x\"); return \"x\"; }'",
            "SELECT ABORT_SESSION({session})",
            "SELECT CANCEL_SESSION({session})",
            "SHUTDOWN",
            "SET EXCLUSIVE 1",
            "SELECT 1; UPDATE ledger_run SET message = 'x'; COMMIT",
            "SELECT 1 //'\n; UPDATE ledger_run SET message='x'; COMMIT --'",
            "CREATE TABLE stolen AS SELECT * FROM ledger_run",
            "DELETE FROM ledger_run",
            "DROP TABLE ledger_run",
            "ALTER SEQUENCE batch_job_instance_seq RESTART WITH 1000",
    })
    void theReaderIsRefusedAndNothingHappens(String attack) throws SQLException {
        assertRefusedAndHarmless(attack);
        assertReads();
    }

    /** H2 2.4 checks no right on sequences: why the statement check refuses NEXT VALUE FOR and nextval(). */
    @Test
    void h2LeavesSequencesToTheStatementCheck() throws SQLException {
        try (Connection reader = reader(); Statement statement = reader.createStatement();
             ResultSet rows = statement.executeQuery("SELECT NEXT VALUE FOR batch_job_instance_seq")) {
            assertThat(rows.next()).isTrue();
        }
        LedgerProcess.Result refused = new LedgerProcess(home).execute("query", "SELECT NEXT VALUE FOR batch_job_instance_seq");
        assertThat(refused.exitCode()).isEqualTo(64);
    }

    @Test
    void anotherAdminIsRefusedAsTheReader() {
        jdbc.sql("CREATE USER boss PASSWORD 'boss-password' ADMIN").update();

        LedgerProcess.Result result = new LedgerProcess(home).with("SPRING_DATASOURCE_URL", TestDatabase.h2Url(home, ""))
                .with("LEDGER_QUERY_USERNAME", "boss")
                .with("LEDGER_QUERY_PASSWORD", "boss-password").execute("query", "SELECT COUNT(*) FROM ledger_run");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("the login boss may change the database").contains("--as-owner");
    }

    @Test
    void thePasswordIsKeptBesideTheDatabaseForTheJobsUserOnly() throws Exception {
        Path file = home.resolve("data/ledger.query-password");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).matches("[A-Za-z0-9_-]{32}");
        try (Connection reader = reader()) {
            assertThat(reader.getMetaData().getUserName()).isEqualToIgnoringCase(QueryReader.H2_USER);
        }
    }

    @Test
    void aDatabaseWithoutTheReaderGetsItAtTheNextRun() throws Exception {
        // given a database from before migration 4's reader: no user, no password file
        jdbc.sql("DROP USER " + QueryReader.H2_USER).update();
        Files.delete(home.resolve("data/ledger.query-password"));
        LedgerProcess ledger = new LedgerProcess(home);

        LedgerProcess.Result before = ledger.execute("query", "SELECT COUNT(*) FROM ledger_run");
        assertThat(before.exitCode()).isEqualTo(64);
        assertThat(before.err()).contains("no reader user yet").contains("the next 'gpu-ledger run' creates it");

        // when the next run migrates
        ledger.with("LEDGER_API_TOKEN", "x").execute("run", FutureDate.refusedRunDate());

        // then
        LedgerProcess.Result after = ledger.execute("query", "SELECT COUNT(*) AS runs FROM ledger_run");
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).contains("runs").contains("2");
    }
}
