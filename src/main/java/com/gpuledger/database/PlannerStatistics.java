package com.gpuledger.database;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL plans from statistics its autovacuum refreshes only now and then. Right after a night's rows were written
 * it took the new date for empty and joined through nested scans: on the second night of 20,000 instances the
 * allocation's query took 18 s, on the second night of 100,000 the reports' instances query ran for minutes. Whoever
 * is about to read tables a step has just filled asks for fresh statistics first. H2 needs no such step.
 */
@Component
public class PlannerStatistics {

    private final JdbcClient jdbc;
    private final boolean postgres;

    PlannerStatistics(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.postgres = "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    }

    /** @param tables tables of this application, named in code, never from input */
    public void refresh(String... tables) {
        if (postgres && tables.length > 0) {
            jdbc.sql("ANALYZE " + String.join(", ", tables)).update();
        }
    }
}
