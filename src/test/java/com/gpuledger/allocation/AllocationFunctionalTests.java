package com.gpuledger.allocation;

import java.nio.file.Path;
import java.util.Map;

import com.gpuledger.support.TestDatabase;

/** H2: the query reader is the user migration 4 creates, readable by default. */
class AllocationFunctionalTests extends AllocationScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }

    @Override
    Map<String, String> reader(TestDatabase database) {
        return Map.of();
    }
}
