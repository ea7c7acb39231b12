package com.gpuledger.cli;

import java.util.Map;

import com.gpuledger.run.UsageException;

/**
 * The H2 default is for a machine configured for nothing else. A variable that configures a database login or pool
 * ({@code SPRING_DATASOURCE_*}, {@code LEDGER_QUERY_USERNAME} / {@code _PASSWORD}) says a database was meant: without
 * {@code SPRING_DATASOURCE_URL} the job would write a fresh H2 file, publish its reports over the real ones and mail
 * them, so it is a configuration error instead.
 */
final class DatabaseDefault {

    static final String URL = "SPRING_DATASOURCE_URL";

    private DatabaseDefault() {
    }

    static void refuseWithoutUrl(Map<String, String> environment) {
        if (environment.containsKey(URL)) {
            return;
        }
        environment.keySet().stream()
                .filter(variable -> variable.startsWith("SPRING_DATASOURCE_") || variable.equals("LEDGER_QUERY_USERNAME")
                        || variable.equals("LEDGER_QUERY_PASSWORD"))
                .sorted()
                .findFirst()
                .ifPresent(variable -> {
                    throw new UsageException(variable + " is set but " + URL + " is not: set " + URL
                            + " to the database it is for (the H2 default is used only when no database variable is set)");
                });
    }
}
