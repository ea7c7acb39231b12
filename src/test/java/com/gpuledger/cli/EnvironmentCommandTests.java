package com.gpuledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.gpuledger.support.LedgerProcess;

/** What scripts/nightly.sh evaluates: the jar's reading of the environment, as shell, without a secret. */
class EnvironmentCommandTests {

    @TempDir
    Path home;

    @Test
    void theLedgerVariablesAsShellExportsAndNoSecret() {
        LedgerProcess.Result result = new LedgerProcess(home).with("LEDGER_LOG_DIR", "/var/log/it's here")
                .with("LEDGER_API_TOKEN", "planted-token").with("LEDGER_QUERY_PASSWORD", "planted-password")
                .with("LEDGER_ALERT_WEBHOOK_URL", "https://hooks.example.com/planted-hook").with("PATH", "/bin")
                .execute("environment");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("export LEDGER_HOME='" + home + "'\n"
                + "export LEDGER_LOG_DIR='/var/log/it'\\''s here'\n");
    }

    @Test
    void aSecretThatCannotBeBoundIsNamedNotShown() {
        LedgerProcess.Result result = new LedgerProcess(home).with("LEDGER_API_TOKEN", "t")
                .with("LEDGER_ALERT_WEBHOOK_URL", "ht tps://hooks.example.com/planted-hook").execute("run", "--date=2026-03-10");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).isEqualTo("gpu-ledger: LEDGER_ALERT_WEBHOOK_URL: cannot be read\n");
    }
}
