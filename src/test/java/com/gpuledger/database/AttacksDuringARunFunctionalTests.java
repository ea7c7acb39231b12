package com.gpuledger.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.gpuledger.support.TestDatabase;

/** The default H2 file: the reader is {@code ledger_query}, its password beside the database. */
class AttacksDuringARunFunctionalTests extends AttacksDuringARunScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }

    @Override
    Map<String, String> reader(TestDatabase database) {
        return Map.of();
    }

    @Override
    Connection readerConnection(TestDatabase database, Path home, Map<String, String> reader) throws SQLException {
        try {
            return DriverManager.getConnection(TestDatabase.h2Url(home, ""), "ledger_query",
                    Files.readString(home.resolve("data/ledger.query-password")).strip());
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    @Override
    List<String> jdbcAttacks() {
        return List.of("SELECT * FROM ledger_lease FOR UPDATE", "SELECT * FROM batch_job_execution FOR UPDATE",
                "SELECT * FROM ledger_run FOR UPDATE", "SELECT * FROM flyway_schema_history FOR UPDATE");
    }
}
