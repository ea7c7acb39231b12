package com.gpuledger.query;

import java.nio.file.Path;
import java.util.Map;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

class QueryPostgresIntegrationTests extends QueryScenarios {

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

    @Override
    String sequenceValueSql() {
        return "SELECT CAST(last_value AS VARCHAR) FROM batch_job_instance_seq";
    }
}
