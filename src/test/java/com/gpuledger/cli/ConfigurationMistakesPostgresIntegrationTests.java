package com.gpuledger.cli;

import java.nio.file.Path;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** The same mistakes against a real PostgreSQL: its login, its refusal, its tables untouched. */
class ConfigurationMistakesPostgresIntegrationTests extends ConfigurationMistakeScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }
}
