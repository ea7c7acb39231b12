package com.gpuledger.allocation;

import java.util.List;
import java.util.Optional;

/** A parsed allocation file: the rules in order (first match wins) and the budgets. */
record AllocationRules(List<AllocationRule> rules, List<Budget> budgets) {

    static final AllocationRules NONE = new AllocationRules(List.of(), List.of());

    AllocationRules {
        rules = List.copyOf(rules);
        budgets = List.copyOf(budgets);
    }

    /** The first rule that matches, if any. */
    Optional<AllocationRule> firstMatch(Subject subject) {
        for (AllocationRule rule : rules) {
            if (rule.match().matches(subject)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
