package com.gpuledger.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code environment}: the {@code LEDGER_*} variables of the effective environment as shell {@code export} lines, so
 * that {@code scripts/nightly.sh} reads the environment files by the jar's own rules and checks instead of a parser of
 * its own. Secrets are left out: the jar reads them itself.
 */
final class EnvironmentCommand {

    static final String USAGE = """
            usage: gpu-ledger environment

            Prints the LEDGER_* variables of the effective environment (LEDGER_ENV_FILE, or /etc/gpu-ledger.env then
            ./.env, under the process's own variables) as shell export lines, leaving out passwords, tokens and the
            webhook URL; scripts/nightly.sh evaluates them. Exits 64, printing nothing, on the same configuration
            errors as every command (an unreadable or non-UTF-8 file, a line that is not NAME=value, an unknown name).
            """;

    private EnvironmentCommand() {
    }

    static int execute(List<String> arguments, Map<String, String> environment, PrintStream out) {
        new CommandOptions("environment", arguments, Set.of()).noPositional();
        environment.entrySet().stream()
                .filter(variable -> variable.getKey().startsWith("LEDGER_") && !ConfigurationNames.secret(variable.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(variable -> out.println("export " + variable.getKey() + "=" + quoted(variable.getValue())));
        return 0;
    }

    /** Single quotes keep every character as it is; a single quote itself is closed, escaped and reopened. */
    static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
