package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;

/** What a report column holds, which decides its CSV text and its workbook cell type and format. */
public enum ColumnKind {

    /** Identifiers and enumerations (an instance id comes from the provider too): neutralised in CSV like free text. */
    TEXT,
    /** Text that came from the provider or the configuration (host name, region, detail...): neutralised in CSV. */
    FREE_TEXT,
    INTEGER,
    MONEY,
    HOURS,
    /** A money estimate (a division at scale 4): shown like money, never totalled. */
    ESTIMATE,
    /** A ratio (a share of a budget, a warning level): 4 decimals, never money. */
    SHARE,
    DATE,
    /** A UTC instant. */
    INSTANT;

    /** The value in a human CSV: every text neutralised. */
    String csv(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case TEXT, FREE_TEXT -> ReportValues.neutralise(value.toString());
            default -> plain(value);
        };
    }

    private String plain(Object value) {
        return switch (this) {
            case TEXT, FREE_TEXT -> value.toString();
            case INTEGER, DATE -> value.toString();
            case MONEY, HOURS, ESTIMATE, SHARE -> ReportValues.amount((BigDecimal) value);
            case INSTANT -> ReportValues.instant((Instant) value);
        };
    }

    boolean isAmount() {
        return this == MONEY || this == HOURS || this == ESTIMATE || this == SHARE;
    }
}
