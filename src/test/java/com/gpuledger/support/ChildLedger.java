package com.gpuledger.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar in a child process, as cron would run it: for faults that only a real process can have. */
public final class ChildLedger {

    private static final Path JAR = Path.of("target/gpu-ledger.jar").toAbsolutePath();

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    public ChildLedger(Path home) {
        this.home = home;
        System.getenv().forEach((name, value) -> {
            if (!name.startsWith("LEDGER_") && !name.startsWith("SPRING_")) {
                environment.put(name, value);
            }
        });
        environment.put("LEDGER_HOME", home.toString());
    }

    public ChildLedger with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ChildLedger with(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    public Process start(String... args) throws IOException {
        // C1 only and the serial collector: a short-lived child starts in about half the CPU time, nothing else changes
        String[] command = new String[args.length + 5];
        command[0] = "java";
        command[1] = "-XX:TieredStopAtLevel=1";
        command[2] = "-XX:+UseSerialGC";
        command[3] = "-jar";
        command[4] = JAR.toString();
        System.arraycopy(args, 0, command, 5, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("child-" + System.nanoTime() + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs to the end and returns the exit code. */
    public int run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gpu-ledger " + String.join(" ", args) + " did not finish in 180 s");
        }
        return process.exitValue();
    }
}
