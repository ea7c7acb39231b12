package com.gpuledger.report.focus;

import java.util.List;

/** What the FOCUS file needs beyond the day's rows: the version to write and the day's price sightings. */
public record FocusInputs(FocusVersion version, List<PriceSighting> prices) {

    public FocusInputs {
        prices = List.copyOf(prices);
    }
}
