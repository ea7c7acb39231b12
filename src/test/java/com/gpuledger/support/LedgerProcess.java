package com.gpuledger.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.gpuledger.cli.LedgerCommandLine;
import com.gpuledger.report.focus.FocusValidator;

/**
 * Runs gpu-ledger commands in this JVM exactly as the jar would, with a test's own environment. After every command,
 * every FOCUS file published under the home (and under {@code LEDGER_REPORTS_DIR}) must keep the FOCUS rules.
 */
public final class LedgerProcess {

    private final Path home;
    private final Map<String, String> environment = new LinkedHashMap<>();

    public LedgerProcess(Path home) {
        this.home = home;
        environment.put("LEDGER_HOME", home.toString());
    }

    public LedgerProcess with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public LedgerProcess with(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    public Result execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new LedgerCommandLine(Map.copyOf(environment), home.resolve("no-system.env"), home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
        FocusValidator.assertAllValid(home);
        String reportsDir = environment.get("LEDGER_REPORTS_DIR");
        if (reportsDir != null && !Path.of(reportsDir).startsWith(home)) {
            FocusValidator.assertAllValid(Path.of(reportsDir));
        }
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public record Result(int exitCode, String out, String err) {
    }
}
