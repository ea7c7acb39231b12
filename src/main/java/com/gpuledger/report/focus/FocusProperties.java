package com.gpuledger.report.focus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code LEDGER_FOCUS_VERSION}: the FOCUS version of {@code focus-D.csv}, 1.2 (default) or 1.3. */
@ConfigurationProperties("ledger.focus")
public record FocusProperties(@DefaultValue("1.2") String version) {

    public FocusProperties {
        FocusVersion.parse(version);
    }

    public FocusVersion focusVersion() {
        return FocusVersion.parse(version);
    }
}
