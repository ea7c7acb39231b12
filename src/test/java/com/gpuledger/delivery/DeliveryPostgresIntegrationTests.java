package com.gpuledger.delivery;

import java.nio.file.Path;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** The delivery scenarios on PostgreSQL: report_delivery and its upsert are the same SQL on both. */
class DeliveryPostgresIntegrationTests extends DeliveryScenarios {

    private TestDatabase database;

    @Override
    TestDatabase database(Path home) {
        if (database == null) {
            database = PostgresDatabases.freshDatabase();
        }
        return database;
    }
}
