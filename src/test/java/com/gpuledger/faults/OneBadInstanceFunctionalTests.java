package com.gpuledger.faults;

import java.nio.file.Path;

import com.gpuledger.support.TestDatabase;

/** {@link OneBadInstanceScenarios} on the default H2 file. */
class OneBadInstanceFunctionalTests extends OneBadInstanceScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }

}
