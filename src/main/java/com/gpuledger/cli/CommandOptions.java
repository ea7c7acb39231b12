package com.gpuledger.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.gpuledger.run.UsageException;

/** {@code --name=value} options and positional arguments of one command, checked against what it accepts. */
final class CommandOptions {

    static final String FIRST_DATE = "2000-01-01";
    private static final LocalDate FIRST = LocalDate.parse(FIRST_DATE);
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

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
                if (options.put(name, equals < 0 ? "" : argument.substring(equals + 1)) != null) {
                    throw new UsageException("'" + command + "' was given --" + name + " twice: give it once");
                }
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

    /**
     * A report date: {@value #FIRST_DATE} to tomorrow wherever that is (UTC+18), years as four digits. The command's
     * own rules (no future date in {@code LEDGER_TIMEZONE} for a run) narrow it further.
     */
    LocalDate date(String name) {
        String value = options.get(name);
        if (value == null) {
            return null;
        }
        LocalDate last = LocalDate.now(ZoneOffset.MAX).plusDays(1);
        LocalDate date;
        try {
            date = DATE.matcher(value).matches() ? LocalDate.parse(value) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null || date.isBefore(FIRST) || date.isAfter(last)) {
            throw new UsageException("--" + name + "=" + value + " is not a report date: YYYY-MM-DD from " + FIRST_DATE + " to " + last);
        }
        return date;
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
