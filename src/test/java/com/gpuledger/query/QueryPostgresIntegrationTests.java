package com.gpuledger.query;

import java.nio.file.Path;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

class QueryPostgresIntegrationTests extends QueryScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }
}
