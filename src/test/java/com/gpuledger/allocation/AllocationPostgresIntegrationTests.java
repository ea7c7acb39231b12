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
        return PostgresDatabases.readerRole(database);
    }
}
