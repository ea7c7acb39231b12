package com.gpuledger.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.gpuledger.run.UsageException;

/** {@code --name=value} options and positional arguments of one command, checked against what it accepts. */
final class CommandOptions {

    private final String command;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    CommandOptions(String command, List<String> arguments, Set<String> accepted) {
        this.command = command;
        for (String argument : arguments) {
            if (argument.startsWith("--")) {
                int equals = argument.indexOf('=');
                String name = equals < 0 ? argument.substring(2) : argument.substring(2, equals);
                if (name.toLowerCase().contains("token") && !accepted.contains(name)) {
                    throw new UsageException("the API token is never accepted on the command line: set LEDGER_API_TOKEN or LEDGER_API_TOKEN_FILE");
                }
                if (!accepted.contains(name)) {
                    throw new UsageException("'" + command + "' has no option --" + name + " (see " + command + " --help)");
                }
                options.put(name, equals < 0 ? "" : argument.substring(equals + 1));
            } else {
                positional.add(argument);
            }
        }
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    String text(String name, String fallback) {
        String value = options.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    LocalDate date(String name) {
        String value = options.get(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + "=" + value + " is not a date like 2026-11-25");
        }
    }

    int integer(String name, int fallback, int min, int max) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + "=" + value + " is not a whole number");
        }
    }

    double fraction(String name) {
        String value = options.get(name);
        if (value == null) {
            return 0;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed < 0 || parsed > 1) {
                throw new UsageException("--" + name + " must be between 0 and 1, was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + "=" + value + " is not a number");
        }
    }

    List<String> positional() {
        return positional;
    }

    void noPositional() {
        if (!positional.isEmpty()) {
            throw new UsageException("'" + command + "' takes no argument '" + positional.get(0) + "' (see " + command + " --help)");
        }
    }
}
