package com.gpuledger.report.focus;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One requirement of the FOCUS specification as the validator checks it: an id, the column page it comes from, the
 * requirement's text, the check (the violations it finds in a file) and how to plant a violation of it in a valid
 * file, so that every rule is proven to catch what it names.
 */
public record FocusRule(String id, String source, String requirement, Function<FocusTable, List<String>> check,
        UnaryOperator<FocusTable> plant) {
}
