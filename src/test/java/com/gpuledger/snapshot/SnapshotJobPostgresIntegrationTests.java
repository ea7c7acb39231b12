package com.gpuledger.snapshot;

import java.nio.file.Path;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** The snapshot scenarios on a real PostgreSQL (embedded, or LEDGER_TEST_PG_URL). */
class SnapshotJobPostgresIntegrationTests extends SnapshotJobScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }
}
