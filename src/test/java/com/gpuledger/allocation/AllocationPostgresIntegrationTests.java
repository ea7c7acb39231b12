package com.gpuledger.allocation;

import java.nio.file.Path;
import java.util.Map;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** PostgreSQL: the view's sums, read by the operator's reader role that migration 4 grants SELECT on later views. */
class AllocationPostgresIntegrationTests extends AllocationScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }

    @Override
    Map<String, String> reader(TestDatabase database) {
        String url = database.environment().get("SPRING_DATASOURCE_URL");
        String role = "reader_" + url.substring(url.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_]", "");
        database.jdbc().sql("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-password'").update();
        database.jdbc().sql("ALTER ROLE " + role + " SET default_transaction_read_only = on").update();
        return Map.of("LEDGER_QUERY_USERNAME", role, "LEDGER_QUERY_PASSWORD", "reader-password");
    }
}
