package com.gpuledger.snapshot;

import java.nio.file.Path;

import com.gpuledger.support.TestDatabase;

/** The snapshot scenarios on the default embedded H2. */
class SnapshotJobFunctionalTests extends SnapshotJobScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
