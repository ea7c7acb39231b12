package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.Map.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.gpuledger.run.UsageException;

/** The one reader of the environment files (nightly.sh asks the jar): its rules, and its refusals as one line. */
class EnvironmentFilesTests {

    @TempDir
    Path folder;

    @Test
    void linesAreNameEqualsValueExportedQuotedOrNot() throws IOException {
        Path file = Files.writeString(folder.resolve("a.env"), "# comment\r\nexport LEDGER_HOME=\"/srv/l\"\r\n\r\nLEDGER_ACCOUNT_NAME=Café 'R&D'\nLEDGER_LOG_DIR='/var/log/x'");

        assertThat(EnvironmentFiles.parse(file)).containsExactly(entry("LEDGER_HOME", "/srv/l"),
                entry("LEDGER_ACCOUNT_NAME", "Café 'R&D'"), entry("LEDGER_LOG_DIR", "/var/log/x"));
    }

    @Test
    void aLineThatIsNotUtf8IsNamed() throws IOException {
        Path file = Files.write(folder.resolve("latin1.env"), "LEDGER_HOME=/srv/l\nLEDGER_ACCOUNT_NAME=Café\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> EnvironmentFiles.parse(file)).isInstanceOf(UsageException.class)
                .hasMessage(file + " line 2 is not UTF-8: save the file as UTF-8");
    }

    @Test
    void aLineWithoutANameIsNamed() throws IOException {
        Path file = Files.writeString(folder.resolve("eq.env"), "LEDGER_HOME=/srv/l\n=value\n");

        assertThatThrownBy(() -> EnvironmentFiles.parse(file)).isInstanceOf(UsageException.class)
                .hasMessage(file + " line 2 is not NAME=value");
    }

    @Test
    void aFileThatCannotBeReadNamesItAndTheUser() {
        // a folder where the file should be: unreadable as a file whoever runs the test, root included
        Path file = folder;

        assertThatThrownBy(() -> EnvironmentFiles.parse(file)).isInstanceOf(UsageException.class)
                .hasMessage("cannot read the environment file " + file + " as the user " + System.getProperty("user.name")
                        + " (IOException): make it readable by that user, or run as its owner");
    }
}
