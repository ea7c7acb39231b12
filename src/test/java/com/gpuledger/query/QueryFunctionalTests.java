package com.gpuledger.query;

import java.nio.file.Path;
import java.util.Map;

import com.gpuledger.support.TestDatabase;

class QueryFunctionalTests extends QueryScenarios {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }

    @Override
    Map<String, String> reader(TestDatabase database) {
        return Map.of(); // migration 4 creates ledger_query, its password beside the database
    }

    @Override
    String sessionIdSql() {
        return "SELECT SESSION_ID()";
    }

    @Override
    String sequenceValueSql() {
        return "SELECT CAST(BASE_VALUE AS VARCHAR) FROM information_schema.sequences WHERE sequence_name = 'batch_job_instance_seq'";
    }
}
