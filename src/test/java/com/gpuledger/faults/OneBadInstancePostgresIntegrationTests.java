package com.gpuledger.faults;

import java.nio.file.Path;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** {@link OneBadInstanceScenarios} on a real PostgreSQL. */
class OneBadInstancePostgresIntegrationTests extends OneBadInstanceScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }

}
