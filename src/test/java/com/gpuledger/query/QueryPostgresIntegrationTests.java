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

    /** The README's lines: a login role of its own, read-only sessions; migration 4 grants it SELECT. */
    @Override
    Map<String, String> reader(TestDatabase database) {
        String url = database.environment().get("SPRING_DATASOURCE_URL");
        String role = "reader_" + url.substring(url.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_]", "");
        database.jdbc().sql("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-password'").update();
        database.jdbc().sql("ALTER ROLE " + role + " SET default_transaction_read_only = on").update();
        return Map.of("LEDGER_QUERY_USERNAME", role, "LEDGER_QUERY_PASSWORD", "reader-password");
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
