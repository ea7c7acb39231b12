package com.gpuledger.cost;

import java.nio.file.Path;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

class DailyCostPostgresIntegrationTests extends DailyCostScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }
}
