package com.gpuledger.report.focus;

import java.util.Arrays;

/** The FOCUS versions the file can be written in ({@code LEDGER_FOCUS_VERSION}). */
public enum FocusVersion {

    V1_2("1.2"),
    V1_3("1.3");

    private final String label;

    FocusVersion(String label) {
        this.label = label;
    }

    /** As the variable and the README spell it, e.g. {@code 1.2}. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the variable and the allowed values */
    public static FocusVersion parse(String text) {
        return Arrays.stream(values()).filter(version -> version.label.equals(text == null ? null : text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("LEDGER_FOCUS_VERSION must be 1.2 or 1.3, was " + text));
    }
}
