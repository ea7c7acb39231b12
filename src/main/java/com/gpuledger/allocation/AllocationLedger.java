package com.gpuledger.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.gpuledger.cost.CostLedger;
import com.gpuledger.database.PlannerStatistics;
import com.gpuledger.cost.ReconciliationFinding;
import com.gpuledger.cost.Severity;
import com.gpuledger.report.CostAllocation;
import com.gpuledger.report.MonthForecast;

/**
 * Allocates a date's cost lines with the rules in force on that date, and judges the budgets. Everything is derived
 * from the database (the stored rule set, the cost lines), so a rebuild of any date gives the same rows.
 */
@Component
public class AllocationLedger {

    static final String UNALLOCATED = "UNALLOCATED";
    static final String RULES_CHANGED = "ALLOCATION_RULES_CHANGED";
    static final String BUDGET_FORECAST_OVER = "BUDGET_FORECAST_OVER";
    static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";
    private static final List<String> KINDS = List.of(UNALLOCATED, RULES_CHANGED, BUDGET_FORECAST_OVER, BUDGET_EXCEEDED);
    private static final Logger log = LoggerFactory.getLogger(AllocationLedger.class);

    private final AllocationRepository repository;
    private final CostLedger costLedger;
    private final PlannerStatistics statistics;
    private final AllocationFile file;
    private final Clock clock;

    AllocationLedger(AllocationRepository repository, CostLedger costLedger, AllocationFile file, Clock clock,
                     PlannerStatistics statistics) {
        this.repository = repository;
        this.statistics = statistics;
        this.costLedger = costLedger;
        this.file = file;
        this.clock = clock;
    }

    /**
     * The nightly run: the file read at start becomes the rule set in force from the date, unless the set in force
     * already is this text. Running the date its set began on again with another file replaces that set.
     */
    @Transactional
    public void adopt(LocalDate reportDate) {
        Optional<AllocationRepository.StoredRuleSet> inForce = repository.ruleSetFor(reportDate);
        if (inForce.isPresent() && inForce.get().sha256().equals(file.sha256())) {
            return;
        }
        if (inForce.isPresent() && inForce.get().firstReportDate().equals(reportDate)) {
            repository.replaceRuleSet(inForce.get().id(), file, clock.instant());
        } else {
            repository.insertRuleSet(reportDate, file, clock.instant());
        }
        log.info("allocation rules of {} from {}: {} rules, {} budgets (sha256 {})", reportDate, file.path(),
                file.rules().rules().size(), file.rules().budgets().size(), shortHash(file.sha256()));
    }

    /** Replaces the date's allocations and allocation findings; run after the date's costs are rebuilt. */
    @Transactional
    public void rebuild(LocalDate reportDate) {
        // the costs have just been rebuilt
        statistics.refresh("daily_instance_cost");
        Optional<AllocationRepository.StoredRuleSet> stored = repository.ruleSetFor(reportDate);
        AllocationRules rules = stored.map(AllocationLedger::parse).orElse(AllocationRules.NONE);
        Long ruleSetId = stored.map(AllocationRepository.StoredRuleSet::id).orElse(null);
        List<Subject> subjects = repository.subjects(reportDate);

        List<AllocationRepository.AllocationRow> rows = new ArrayList<>(subjects.size());
        List<ReconciliationFinding> findings = new ArrayList<>();
        int unmatched = 0;
        for (Subject subject : subjects) {
            Optional<AllocationRule> rule = rules.firstMatch(subject);
            rows.add(new AllocationRepository.AllocationRow(subject.instanceId(), ruleSetId,
                    rule.map(AllocationRule::number).orElse(null), rule.map(AllocationRule::set).orElse(CostAllocation.NONE)));
            if (rule.isEmpty()) {
                unmatched++;
                // with no rules at all allocation is not in use: every line is unallocated, none is news
                if (!rules.rules().isEmpty()) {
                    findings.add(unallocated(reportDate, subject));
                }
            }
        }
        repository.replaceAllocations(reportDate, rows);
        stored.filter(set -> set.firstReportDate().equals(reportDate))
                .flatMap(set -> repository.ruleSetBefore(reportDate).map(before -> changed(reportDate, set, before, rules, subjects)))
                .ifPresent(findings::add);
        for (BudgetStatus budget : budgets(reportDate, rules)) {
            budgetFinding(budget).ifPresent(findings::add);
        }
        costLedger.replaceFindings(reportDate, KINDS, findings);
        log.info("allocation of {}: {} instances, {} unallocated, {} findings", reportDate, subjects.size(), unmatched,
                findings.size());
    }

    /** The rules in force on the date, as stored. */
    AllocationRules rulesFor(LocalDate reportDate) {
        return repository.ruleSetFor(reportDate).map(AllocationLedger::parse).orElse(AllocationRules.NONE);
    }

    /** The budgets of the date's rules in force in its month, each with its month to date and forecast. */
    List<BudgetStatus> budgets(LocalDate reportDate, AllocationRules rules) {
        YearMonth month = YearMonth.from(reportDate);
        List<Budget> inForce = rules.budgets().stream().filter(budget -> budget.inForce(month)).toList();
        if (inForce.isEmpty()) {
            return List.of();
        }
        MonthForecast.Trailing trailing = repository.trailing(reportDate);
        Map<String, BigDecimal[]> sums = new HashMap<>();
        for (AllocationRepository.Spend spend : repository.spend(reportDate, trailing)) {
            add(sums, "ACCOUNT:", spend);
            add(sums, "COST_CENTER:" + spend.costCenter(), spend);
            if (spend.team() != null) {
                add(sums, "TEAM:" + spend.team(), spend);
            }
        }
        List<BudgetStatus> statuses = new ArrayList<>();
        for (Budget budget : latestPerScope(inForce)) {
            BigDecimal[] sum = sums.getOrDefault(budget.scope() + ":" + Objects.toString(budget.name(), ""),
                    new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            statuses.add(BudgetStatus.of(reportDate, budget, sum[0],
                    MonthForecast.of(reportDate, sum[0], sum[1], trailing)));
        }
        return statuses;
    }

    /** Of several budgets for the same cost center, team or account, the one with the latest {@code from} applies. */
    private static List<Budget> latestPerScope(List<Budget> budgets) {
        Map<String, Budget> latest = new LinkedHashMap<>();
        for (Budget budget : budgets) {
            latest.merge(budget.label(), budget, (a, b) -> from(b).isAfter(from(a)) ? b : a);
        }
        return List.copyOf(latest.values());
    }

    private static YearMonth from(Budget budget) {
        return budget.from() == null ? YearMonth.of(1, 1) : budget.from();
    }

    private static void add(Map<String, BigDecimal[]> sums, String key, AllocationRepository.Spend spend) {
        BigDecimal[] sum = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sum[0] = sum[0].add(orZero(spend.monthToDateUsd()));
        sum[1] = sum[1].add(orZero(spend.trailingUsd()));
    }

    private static Optional<ReconciliationFinding> budgetFinding(BudgetStatus status) {
        Budget budget = status.budget();
        String month = YearMonth.from(status.reportDate()).toString();
        String used = "month to date $" + plain(status.monthToDateUsd()) + " of the " + month + " budget of $"
                + plain(budget.monthlyUsd()) + " (" + percent(status.usedShare()) + " used)";
        if (BudgetStatus.OVER.equals(status.status())) {
            return Optional.of(finding(status, BUDGET_EXCEEDED, status.monthToDateUsd(),
                    budget.label() + ": " + used + " is above the budget; forecast $" + plain(status.forecastMonthUsd())
                            + " (estimate)"));
        }
        if (BudgetStatus.WARN.equals(status.status())) {
            boolean forecastOver = status.forecastMonthUsd() != null && status.forecastMonthUsd().compareTo(budget.monthlyUsd()) > 0;
            String why = forecastOver ? "the forecast $" + plain(status.forecastMonthUsd()) + " (estimate) is above the budget"
                    : "month to date is above warn_at " + percent(budget.warnAt());
            return Optional.of(finding(status, BUDGET_FORECAST_OVER,
                    forecastOver ? status.forecastMonthUsd() : status.monthToDateUsd(), budget.label() + ": " + used + "; " + why));
        }
        return Optional.empty();
    }

    private static ReconciliationFinding finding(BudgetStatus status, String kind, BigDecimal actual, String detail) {
        BigDecimal limit = status.budget().monthlyUsd();
        return new ReconciliationFinding(status.reportDate(), ReconciliationFinding.Scope.ACCOUNT, null, kind, Severity.WARN,
                limit, actual, actual.subtract(limit), detail);
    }

    private static ReconciliationFinding unallocated(LocalDate reportDate, Subject subject) {
        return new ReconciliationFinding(reportDate, ReconciliationFinding.Scope.INSTANCE, subject.instanceId(), UNALLOCATED,
                Severity.INFO, null, subject.costUsd(), null, "no allocation rule matches: host_name " + quoted(subject.hostName())
                        + ", region " + quoted(subject.region()) + ", gpu_type " + quoted(subject.gpuType())
                        + ", instance_type " + quoted(subject.instanceType()));
    }

    /** The counts that moved when a new rule set began on the date: the date allocated by both sets. */
    private static ReconciliationFinding changed(LocalDate reportDate, AllocationRepository.StoredRuleSet now,
                                                 AllocationRepository.StoredRuleSet before, AllocationRules rules,
                                                 List<Subject> subjects) {
        AllocationRules previous = parse(before);
        int moved = 0;
        int unallocatedBefore = 0;
        int unallocatedNow = 0;
        BigDecimal movedCost = BigDecimal.ZERO;
        for (Subject subject : subjects) {
            Optional<AllocationRule> was = previous.firstMatch(subject);
            Optional<AllocationRule> is = rules.firstMatch(subject);
            unallocatedBefore += was.isEmpty() ? 1 : 0;
            unallocatedNow += is.isEmpty() ? 1 : 0;
            if (!was.map(AllocationRule::set).equals(is.map(AllocationRule::set))) {
                moved++;
                movedCost = movedCost.add(orZero(subject.costUsd()));
            }
        }
        return new ReconciliationFinding(reportDate, ReconciliationFinding.Scope.ACCOUNT, null, RULES_CHANGED, Severity.INFO,
                null, movedCost, null, "allocation rules " + shortHash(now.sha256()) + " from " + now.source()
                        + " replace " + shortHash(before.sha256()) + " (in force since " + before.firstReportDate() + "): "
                        + moved + " of " + subjects.size() + " instances allocated differently ($" + plain(movedCost)
                        + " of the day's known cost); unallocated " + unallocatedBefore + " -> " + unallocatedNow);
    }

    static AllocationRules parse(AllocationRepository.StoredRuleSet set) {
        return AllocationFileParser.parse(set.source() + " as stored on " + set.firstReportDate(), set.content());
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }

    static String shortHash(String sha256) {
        return sha256.substring(0, 12);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "unknown" : value.stripTrailingZeros().toPlainString();
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
