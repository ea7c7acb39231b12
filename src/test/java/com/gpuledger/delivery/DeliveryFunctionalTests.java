package com.gpuledger.delivery;

import java.nio.file.Path;

import com.gpuledger.support.TestDatabase;

/** The delivery scenarios on the job's default database, H2. */
class DeliveryFunctionalTests extends DeliveryScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
