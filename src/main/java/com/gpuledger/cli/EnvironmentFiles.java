package com.gpuledger.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("cannot read the environment file " + file + " as the user " + System.getProperty("user.name")
                    + " (" + e.getClass().getSimpleName() + "): make it readable by that user, or run as its owner");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        List<byte[]> lines = lines(bytes);
        for (int i = 0; i < lines.size(); i++) {
            String line = utf8(lines.get(i), file, i + 1).strip();
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

    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start || i < bytes.length) {
                    lines.add(Arrays.copyOfRange(bytes, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** A line that is not UTF-8 (a file saved as Latin-1) would bind a mangled value: refused, naming file and line. */
    private static String utf8(byte[] line, Path file, int number) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(file + " line " + number + " is not UTF-8: save the file as UTF-8");
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
