package com.gpuledger.faults;

import java.nio.file.Path;
import java.util.Map;

import com.gpuledger.support.TestDatabase;

/**
 * {@link KillNineScenarios} on the default H2 file. The test opens the file only once the job has made it
 * ({@code IFEXISTS}), so the job is the file's owner and its kill is the crash H2 recovers from, not the test.
 */
class KillNineH2IntegrationTests extends KillNineScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home, ";IFEXISTS=TRUE");
    }

    @Override
    int sessionsWaitingForALock() {
        // a statement of a JDBC batch that waits for a row lock shows as RUNNING, without a blocker
        return jdbc.sql("""
                SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL
                   OR (executing_statement LIKE 'INSERT%' AND executing_statement_start < DATEADD('SECOND', -1, CURRENT_TIMESTAMP))""")
                .query(Integer.class).single();
    }

    @Override
    String diagnostics() {
        return jdbc.sql("SELECT * FROM information_schema.sessions").query().listOfRows().toString();
    }

    /** The job's own URL, waiting for the test's lock as long as PostgreSQL would, instead of H2's 2 s. */
    @Override
    Map<String, String> lockPatience() {
        return Map.of("SPRING_DATASOURCE_URL", TestDatabase.h2Url(home, ";LOCK_TIMEOUT=120000"));
    }

    @Override
    boolean commitsSurviveAKill() {
        return false;
    }
}
