package com.gpuledger.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** A row of the month workbook's Daily sheet: a day's total and account reconciliation, or the mark of a missing day. */
record MonthDay(LocalDate date, DailyTotal total, AccountCheck account) {

    static final String NOT_AVAILABLE = "not available";

    static final String NO_REPORT = "no report for this day";

    /**
     * Every day from the 1st of the month to the last day that has a total or a reconciliation: a day without a report
     * is listed and marked rather than silently missing (finance must see the gap, never a zero).
     */
    static List<MonthDay> of(MonthReport report) {
        Map<LocalDate, DailyTotal> totals = new TreeMap<>();
        for (DailyTotal day : report.days()) {
            totals.put(day.reportDate(), day);
        }
        Map<LocalDate, AccountCheck> accounts = report.accountByDay() == null ? Map.of() : report.accountByDay();
        LocalDate last = null;
        for (LocalDate day : totals.keySet()) {
            last = last == null || day.isAfter(last) ? day : last;
        }
        for (LocalDate day : accounts.keySet()) {
            last = last == null || day.isAfter(last) ? day : last;
        }
        List<MonthDay> days = new ArrayList<>();
        if (last == null) {
            return days;
        }
        for (LocalDate day = report.month().atDay(1); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(new MonthDay(day, totals.get(day), accounts.get(day)));
        }
        return days;
    }

    BigDecimal costUsd() {
        return total == null ? null : total.costUsd();
    }

    Integer unknownCostCount() {
        return total == null ? null : total.unknownCostCount();
    }

    String accountStatus() {
        return account == null ? NOT_AVAILABLE : account.status();
    }

    BigDecimal accountInstancesCostUsd() {
        return fromAccount(AccountCheck::instancesCostUsd);
    }

    BigDecimal accountChargesUsd() {
        return fromAccount(AccountCheck::accountChargesUsd);
    }

    BigDecimal accountDifferenceUsd() {
        return fromAccount(AccountCheck::differenceUsd);
    }

    BigDecimal accountBoundUsd() {
        return fromAccount(AccountCheck::boundUsd);
    }

    String accountReason() {
        return account == null ? null : account.reason();
    }

    String note() {
        if (total == null) {
            return NO_REPORT;
        }
        return total.unknownCostCount() == 0 ? null : DailySummarySheet.unknownNote(total.costUsd(), total.unknownCostCount());
    }

    private <V> V fromAccount(Function<AccountCheck, V> value) {
        return account == null ? null : value.apply(account);
    }
}
