package com.gpuledger.report;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code LEDGER_REPORTS_DIR}: where report folders go; default {@code $LEDGER_HOME/reports}. */
@ConfigurationProperties("ledger.reports")
public record ReportProperties(Path dir) {

    public Path dirUnder(Path home) {
        return dir != null ? dir : home.resolve("reports");
    }
}
