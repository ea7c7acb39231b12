package com.gpuledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import com.gpuledger.database.H2Files;

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
        return h2(home, "");
    }

    /** The job's default H2 URL under {@code home}, with {@code settings} (each starting with ';') appended. */
    public static String h2Url(Path home, String settings) {
        return "jdbc:h2:file:" + home.toAbsolutePath()
                + "/data/ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE" + settings;
    }

    /** The H2 database at {@code database} (without {@code .mv.db}) as its admin, with the password the job generated, if any yet. */
    static DataSource h2Owner(String url, Path database) {
        return new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "") {
            @Override
            protected Connection getConnectionFromDriver(String username, String password) throws SQLException {
                Path file = H2Files.ownerPasswordFile(database);
                try {
                    return super.getConnectionFromDriver(username, Files.exists(file) ? Files.readString(file).strip() : "");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The job's default database opened with more {@code settings}, e.g. {@code ;IFEXISTS=TRUE}. */
    static TestDatabase h2(Path home, String settings) {
        String url = h2Url(home, settings);
        return new TestDatabase() {
            @Override
            public Map<String, String> environment() {
                return Map.of();
            }

            @Override
            public DataSource dataSource() {
                return h2Owner(url, home.resolve("data/ledger"));
            }
        };
    }
}
