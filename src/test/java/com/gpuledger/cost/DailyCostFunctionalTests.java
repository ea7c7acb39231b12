package com.gpuledger.cost;

import java.nio.file.Path;

import com.gpuledger.support.TestDatabase;

class DailyCostFunctionalTests extends DailyCostScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
