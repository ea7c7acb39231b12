package com.gpuledger.allocation;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code LEDGER_ALLOCATION_FILE} ({@code ledger.allocation.file}); default {@code $LEDGER_HOME/allocation.yaml}. Read
 * here only when the context was not started by the command line, which reads the file itself first.
 */
@ConfigurationProperties("ledger.allocation")
record AllocationProperties(Path file) {

    Path fileUnder(Path home) {
        return file != null ? file.toAbsolutePath() : home.resolve(AllocationFile.DEFAULT_NAME);
    }
}
