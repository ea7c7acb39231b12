package com.gpuledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.support.FutureDate;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;

/**
 * The guarantee beneath the statement check: the login {@code query} uses, given statements straight over JDBC
 * with no check at all (several at once, autocommit on), can read and can do nothing else.
 */
abstract class QueryReaderScenarios {

    @TempDir
    Path home;
    @TempDir
    Path outside;
    TestDatabase database;
    JdbcClient jdbc;
    Map<String, String> environment;
    Connection jobSession;
    long jobSessionId;

    abstract TestDatabase database(Path home);

    abstract Map<String, String> reader(TestDatabase database);

    abstract String sessionIdSql();

    @BeforeEach
    void migratedDatabase() throws SQLException {
        database = database(home);
        jdbc = database.jdbc();
        environment = new LinkedHashMap<>(database.environment());
        environment.putAll(reader(database));
        environment.put("LEDGER_HOME", home.toString());
        LedgerProcess.Result run = new LedgerProcess(home).with(environment).with("LEDGER_API_TOKEN", "x")
                .execute("run", FutureDate.refusedRunDate());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(64);
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

    /** The reader's connection, opened exactly as {@code query} opens it. */
    Connection reader() throws SQLException {
        return QueryDatabase.connect(QuerySettings.from(environment, home), false, new PrintStream(new ByteArrayOutputStream()));
    }

    void assertRefusedAndHarmless(String attack) throws SQLException {
        String sql = attack.replace("{dir}", outside.toString()).replace("{session}", Long.toString(jobSessionId));
        try (Connection reader = reader(); Statement statement = reader.createStatement()) {
            assertThatThrownBy(() -> {
                statement.execute(sql);
                while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                    // run every statement of the text, as a driver would
                }
            }).isInstanceOf(SQLException.class);
        }
        assertThat(outside).isEmptyDirectory();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ledger_run WHERE outcome = 'REFUSED' AND (message IS NULL OR message <> 'x')")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'stolen'")
                .query(Integer.class).single()).isZero();
        assertThat(jobSession.isValid(2)).as("the job's session").isTrue();
    }

    void assertReads() throws SQLException {
        try (Connection reader = reader(); Statement statement = reader.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM ledger_run")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }
}
