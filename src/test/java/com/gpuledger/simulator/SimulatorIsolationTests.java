package com.gpuledger.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The simulator is the independent producer the job is tested against: it must not share code with the job. */
class SimulatorIsolationTests {

    private static final Path SOURCES = Path.of("src/main/java/com/gpuledger/simulator");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void simulatorImportsNothingFromTheRestOfTheProject() throws IOException {
        // given
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(5);

        // when
        List<String> offending = new ArrayList<>();
        for (Path source : sources) {
            Matcher imports = IMPORT.matcher(Files.readString(source));
            while (imports.find()) {
                String imported = imports.group(1);
                boolean project = imported.startsWith("com.gpuledger.")
                        && !imported.startsWith("com.gpuledger.simulator.");
                if (project || imported.startsWith("org.springframework.")) {
                    offending.add(SOURCES.relativize(source) + ": import " + imported);
                }
            }
        }

        // then
        assertThat(offending).as("imports from outside the simulator").isEmpty();
    }
}
