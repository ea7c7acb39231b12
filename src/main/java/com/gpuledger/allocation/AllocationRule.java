package com.gpuledger.allocation;

import com.gpuledger.report.CostAllocation;

/** One rule of the file: its number (1-based, in file order), the line it starts on, what it matches and what it sets. */
record AllocationRule(int number, int line, String name, RuleCriteria match, CostAllocation set) {

    /** How the rule is named to a person: {@code rule 3 'research' (line 14)}. */
    String label() {
        return "rule " + number + (name == null ? "" : " '" + name + "'") + " (line " + line + ")";
    }
}
