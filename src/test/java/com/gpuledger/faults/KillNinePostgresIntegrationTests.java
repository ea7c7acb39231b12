package com.gpuledger.faults;

import java.nio.file.Path;

import com.gpuledger.support.PostgresDatabases;
import com.gpuledger.support.TestDatabase;

/** {@link KillNineScenarios} on a real PostgreSQL. */
class KillNinePostgresIntegrationTests extends KillNineScenarios {

    @Override
    TestDatabase database(Path home) {
        return PostgresDatabases.freshDatabase();
    }

    @Override
    int sessionsWaitingForALock() {
        return jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .query(Integer.class).single();
    }

    @Override
    boolean commitsSurviveAKill() {
        return true;
    }
}
