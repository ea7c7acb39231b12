package com.gpuledger.report.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks FOCUS files against the rule table of their version (1.3 when the file has {@code ServiceProviderName}).
 * The FinOps Foundation's validator is Python and not installable from this project's registries: the table is ours.
 */
public final class FocusValidator {

    /** One broken rule: the rule's id and where it broke (a row, or the file). */
    public record Violation(String rule, String where) {
        @Override
        public String toString() {
            return rule + ": " + where;
        }
    }

    private FocusValidator() {
    }

    private static boolean inTemporaryFolder(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    public static FocusVersion versionOf(FocusTable table) {
        return table.header().contains("ServiceProviderName") ? FocusVersion.V1_3 : FocusVersion.V1_2;
    }

    public static List<Violation> validate(FocusTable table) {
        return validate(table, FocusRules.of(versionOf(table)));
    }

    public static List<Violation> validate(FocusTable table, List<FocusRule> rules) {
        List<Violation> violations = new ArrayList<>();
        for (FocusRule rule : rules) {
            rule.check().apply(table).forEach(where -> violations.add(new Violation(rule.id(), where)));
        }
        return violations;
    }

    public static List<Violation> validate(Path file) {
        try {
            return validate(FocusTable.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every published {@code focus-*.csv} below {@code root} (temporary {@code .}-folders left out); returns the rows checked. */
    public static long assertAllValid(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(path -> path.getFileName().toString().matches("focus-.*\\.csv"))
                    .filter(path -> !inTemporaryFolder(root.relativize(path)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long rows = 0;
        for (Path file : files) {
            try {
                FocusTable table = FocusTable.read(file);
                assertThat(validate(table)).as("FOCUS rules broken in %s", file).isEmpty();
                rows += table.rows().size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }
}
