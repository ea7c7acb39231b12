package com.gpuledger.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.gpuledger.run.UsageException;

/**
 * Contracts section 2: if {@code LEDGER_ENV_FILE} is set, only that file is read (missing: exit 64); otherwise
 * {@code /etc/gpu-ledger.env} then {@code ./.env}, later files overriding earlier; variables already in the
 * environment win over files. Lines are {@code NAME=value}, optionally {@code export}ed and quoted.
 */
final class EnvironmentFiles {

    static final Path SYSTEM_FILE = Path.of("/etc/gpu-ledger.env");

    private EnvironmentFiles() {
    }

    /** The effective environment: the files' variables overlaid by the process's own. */
    static Map<String, String> effective(Map<String, String> processEnvironment, Path systemFile, Path workingDirectory) {
        List<Path> files = new ArrayList<>();
        String explicit = processEnvironment.get("LEDGER_ENV_FILE");
        if (explicit != null && !explicit.isBlank()) {
            Path file = workingDirectory.resolve(explicit);
            if (!Files.isRegularFile(file)) {
                throw new UsageException("LEDGER_ENV_FILE names " + file + ", which does not exist");
            }
            files.add(file);
        } else {
            files.add(systemFile);
            files.add(workingDirectory.resolve(".env"));
        }
        Map<String, String> merged = new LinkedHashMap<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                merged.putAll(parse(file));
            }
        }
        merged.putAll(processEnvironment);
        return merged;
    }

    static Map<String, String> parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the environment file " + file, e);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new UsageException(file + " line " + (i + 1) + " is not NAME=value");
            }
            variables.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
        }
        return variables;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
