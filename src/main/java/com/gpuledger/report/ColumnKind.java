package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.Instant;

/** What a report column holds, which decides its CSV text and its workbook cell type and format. */
public enum ColumnKind {

    /**
     * Identifiers and enumerations (an instance id comes from the provider too): neutralised in the human CSVs like
     * free text, copied as they are into FOCUS.
     */
    TEXT,
    /** Text that came from the provider or the configuration (host name, region, detail...): neutralised in CSV. */
    FREE_TEXT,
    INTEGER,
    MONEY,
    HOURS,
    /** A money estimate (a division at scale 4): shown like money, never totalled. */
    ESTIMATE,
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

    /** The value in the FOCUS file: identifiers as they are, free text by the FOCUS file's own rule. */
    String focusCsv(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case TEXT -> value.toString();
            case FREE_TEXT -> ReportValues.neutraliseFocus(value.toString());
            default -> plain(value);
        };
    }

    private String plain(Object value) {
        return switch (this) {
            case TEXT, FREE_TEXT -> value.toString();
            case INTEGER, DATE -> value.toString();
            case MONEY, HOURS, ESTIMATE -> ReportValues.amount((BigDecimal) value);
            case INSTANT -> ReportValues.instant((Instant) value);
        };
    }

    boolean isAmount() {
        return this == MONEY || this == HOURS || this == ESTIMATE;
    }
}
