package com.gpuledger.allocation;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * A monthly budget of a cost center, a team or the whole account, from month {@code from} on (null: every month);
 * {@code warnAt} is the share of the budget above which month to date warns.
 */
record Budget(Scope scope, String name, BigDecimal monthlyUsd, YearMonth from, BigDecimal warnAt, int line) {

    enum Scope {
        COST_CENTER, TEAM, ACCOUNT
    }

    boolean inForce(YearMonth month) {
        return from == null || !month.isBefore(from);
    }

    /** How the budget is named in reports: {@code cost_center research}, {@code team ml}, {@code account}. */
    String label() {
        return switch (scope) {
            case COST_CENTER -> "cost_center " + name;
            case TEAM -> "team " + name;
            case ACCOUNT -> "account";
        };
    }
}
