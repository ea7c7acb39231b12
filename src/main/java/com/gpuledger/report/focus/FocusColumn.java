package com.gpuledger.report.focus;

import java.util.function.Function;

/** One column of the FOCUS file: its FOCUS column id and the text of a charge's value (null for a null value). */
record FocusColumn(String name, Function<FocusCharge, String> value) {
}
