package com.gpuledger.delivery;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import com.gpuledger.report.AccountCheck;
import com.gpuledger.report.DailyReport;
import com.gpuledger.report.DailyTotal;
import com.gpuledger.report.FindingRow;
import com.gpuledger.report.InstanceCostRow;

/**
 * What the day's mail and alert say about a report date, taken from the model its files are written from: the same
 * numbers as the workbook. A null amount is unknown and is shown as such, never as 0.
 *
 * @param unknownCostCount the date's instances whose cost is unknown (not in the total)
 * @param previousDay  the day before's total, null when that day has no data
 * @param account      null when the date has no account reconciliation
 * @param findings     the WARN and ERROR findings, ERROR first
 */
record DayDigest(LocalDate reportDate, BigDecimal totalCostUsd, int unknownCostCount, BigDecimal monthToDateUsd,
                 BigDecimal forecastMonthUsd, AccountCheck account, DailyTotal previousDay, List<InstanceCostRow> topInstances,
                 List<CostCenters.CostCenterCost> topCostCenters, List<CostCenters.BudgetStatus> budgets,
                 List<FindingRow> findings) {

    static final int TOP = 10;
    /** A finding's detail or a run's message, which may carry the provider's words, in the mail and the alert. */
    static final int MAX_DETAIL = 300;

    private static final Comparator<InstanceCostRow> BY_COST = Comparator.comparing(InstanceCostRow::costUsd)
            .thenComparing(InstanceCostRow::instanceId, Comparator.reverseOrder());

    static DayDigest of(DailyReport report, CostCenters costCenters) {
        LocalDate date = report.reportDate();
        DailyTotal previous = report.last30Days().stream().filter(day -> day.reportDate().equals(date.minusDays(1)))
                .findFirst().orElse(null);
        List<FindingRow> findings = report.findings().stream()
                .filter(finding -> finding.severity().equals("ERROR") || finding.severity().equals("WARN")).toList();
        return new DayDigest(date, report.totalCostUsd(), report.unknownCostCount(), report.monthToDateUsd(), report.forecastMonthUsd(),
                report.account(), previous, topInstances(report), costCenters.top(date, TOP), costCenters.budgets(date), findings);
    }

    String reconciliationStatus() {
        return account == null ? "not available" : account.status();
    }

    boolean reconciliationFailed() {
        return account != null && "FAIL".equals(account.status());
    }

    boolean hasError() {
        return findings.stream().anyMatch(finding -> finding.severity().equals("ERROR"));
    }

    /** The budget findings of contracts section 9 ({@code BUDGET_FORECAST_OVER}, {@code BUDGET_EXCEEDED}). */
    List<FindingRow> budgetFindings() {
        return findings.stream().filter(finding -> finding.kind().startsWith("BUDGET_")).toList();
    }

    /** The instances of the date with the highest known costs, highest first; streamed, never all in memory. */
    private static List<InstanceCostRow> topInstances(DailyReport report) {
        PriorityQueue<InstanceCostRow> lowestFirst = new PriorityQueue<>(BY_COST);
        report.instances().forEach(row -> {
            if (row.costUsd() != null) {
                lowestFirst.add(row);
                if (lowestFirst.size() > TOP) {
                    lowestFirst.poll();
                }
            }
        });
        List<InstanceCostRow> top = new ArrayList<>(lowestFirst);
        top.sort(BY_COST.reversed());
        return List.copyOf(top);
    }
}
