package com.gpuledger.cost;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of {@code reconciliation_finding}: a discrepancy or a notable fact, with the figures behind it. */
public record ReconciliationFinding(
        LocalDate reportDate,
        Scope scope,
        String instanceId,
        String kind,
        Severity severity,
        BigDecimal expectedUsd,
        BigDecimal actualUsd,
        BigDecimal differenceUsd,
        String detail) {

    public enum Scope {
        INSTANCE, ACCOUNT
    }

    static ReconciliationFinding instance(LocalDate date, String instanceId, String kind, Severity severity, String detail) {
        return new ReconciliationFinding(date, Scope.INSTANCE, instanceId, kind, severity, null, null, null, detail);
    }

    static ReconciliationFinding account(LocalDate date, String kind, Severity severity, String detail) {
        return new ReconciliationFinding(date, Scope.ACCOUNT, null, kind, severity, null, null, null, detail);
    }

    static ReconciliationFinding instance(LocalDate date, String instanceId, String kind, Severity severity,
                                          BigDecimal expected, BigDecimal actual, String detail) {
        return new ReconciliationFinding(date, Scope.INSTANCE, instanceId, kind, severity, expected, actual,
                actual.subtract(expected), detail);
    }
}
