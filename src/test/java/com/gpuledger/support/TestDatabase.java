package com.gpuledger.support;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** A database a test runs the job against: H2 in a temporary folder, or a fresh PostgreSQL database. */
public interface TestDatabase {

    /** The variables that point the job at it; empty for the default H2 under LEDGER_HOME. */
    Map<String, String> environment();

    DataSource dataSource();

    default JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }

    /** The job's default database: H2 in {@code home/data/ledger}. */
    static TestDatabase h2(Path home) {
        String url = "jdbc:h2:file:" + home.toAbsolutePath() + "/data/ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        return new TestDatabase() {
            @Override
            public Map<String, String> environment() {
                return Map.of();
            }

            @Override
            public DataSource dataSource() {
                return new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
            }
        };
    }
}
