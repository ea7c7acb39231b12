package com.gpuledger.cli;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.gpuledger.run.UsageException;

/**
 * The H2 default is for a machine configured for nothing else. A variable that configures a database login or pool
 * ({@code SPRING_DATASOURCE_*}, {@code LEDGER_QUERY_USERNAME} / {@code _PASSWORD}) says a database was meant: without
 * {@code SPRING_DATASOURCE_URL} the job would write a fresh H2 file, publish its reports over the real ones and mail
 * them, so it is a configuration error instead.
 */
final class DatabaseDefault {

    static final String URL = "SPRING_DATASOURCE_URL";
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    private DatabaseDefault() {
    }

    /**
     * A login the database refused (SQL state 28000, PostgreSQL's 28P01), as one line naming the database, the user and
     * the variables that set them; empty for any other failure.
     */
    static Optional<String> refusedLogin(Throwable failure, Map<String, String> environment) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                String url = environment.getOrDefault(URL, "the default H2 database");
                return Optional.of("the database " + withoutParameters(url) + " refused the login "
                        + environment.getOrDefault("SPRING_DATASOURCE_USERNAME", "sa") + " (" + sql.getMessage().lines().findFirst().orElse("")
                        + "): check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
            }
        }
        return Optional.empty();
    }

    /** The database a JDBC URL names, without its parameters or user info, where a password may be written. */
    static String withoutParameters(String url) {
        return USER_INFO.matcher(url.split("[?;]", 2)[0]).replaceFirst("//");
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
