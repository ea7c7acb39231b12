package com.gpuledger.query;

import java.nio.file.Path;

import com.gpuledger.support.TestDatabase;

class QueryFunctionalTests extends QueryScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
