package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.gpuledger.support.LedgerProcess;

/** What a newcomer tripped on: each answer now says what it is about. */
class NewcomerTrapsTests {

    @TempDir
    Path home;

    @Test
    void simulateOnAPortInUseNamesThePort() throws IOException {
        // given: the port is taken
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            // when
            LedgerProcess.Result result = new LedgerProcess(home).execute("simulate", "--port=" + port);

            // then: one line naming the port and what to do, a usage exit
            assertThat(result.exitCode()).isEqualTo(64);
            assertThat(result.err()).isEqualTo("gpu-ledger: port " + port
                    + " on 127.0.0.1 is in use: stop what holds it, or choose another with --port=N\n");
        }
    }

    @Test
    void nightlyHelpPrintsItsUsageAndRunsNothing() throws Exception {
        // given: no jar at all, a home of its own
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("scripts/nightly.sh").toAbsolutePath().toString(), "--help")
                .directory(home.toFile());
        builder.environment().put("LEDGER_HOME", home.toString());
        builder.environment().put("LEDGER_JAR", home.resolve("no.jar").toString());

        // when
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        // then: the usage on stdout, exit 0, no log written, no lock taken
        assertThat(process.waitFor()).isZero();
        assertThat(out).startsWith("usage: scripts/nightly.sh [--date=YYYY-MM-DD]").contains("exit code");
        assertThat(err).isEmpty();
        try (var files = Files.list(home)) {
            assertThat(files).isEmpty();
        }
    }
}
