package com.gpuledger.cost;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.gpuledger.LedgerProperties;
import com.gpuledger.database.PlannerStatistics;

/**
 * Rebuilds a date's daily costs, findings and account reconciliation from the stored snapshots and charges alone.
 * The same database always gives the same rows, so a refresh or a report rebuild never drifts.
 */
@Component
public class CostLedger {

    private static final Logger log = LoggerFactory.getLogger(CostLedger.class);

    private final CostRepository repository;
    private final DailyCostCalculator calculator;
    private final AccountReconciler reconciler;
    private final LedgerProperties properties;
    private final PlannerStatistics statistics;

    CostLedger(CostRepository repository, LedgerProperties properties, PlannerStatistics statistics) {
        this.repository = repository;
        this.statistics = statistics;
        this.properties = properties;
        this.calculator = new DailyCostCalculator(properties.reconciliation());
        this.reconciler = new AccountReconciler(properties.reconciliation());
    }

    /** The account window's start: the previous completed run's start, or on the first night the start of the date. */
    Instant windowStart(LocalDate reportDate) {
        return repository.previousDate(reportDate).flatMap(repository::snapshotStart)
                .orElseGet(() -> reportDate.atStartOfDay(properties.timezone()).toInstant());
    }

    @Transactional
    public void rebuild(LocalDate reportDate) {
        // the fetch step has just written the date's snapshots and failures
        statistics.refresh("instance_snapshot", "fetch_failure");
        Optional<LocalDate> previousDate = repository.previousDate(reportDate);
        Optional<Instant> previousStart = previousDate.flatMap(repository::snapshotStart);
        Instant windowStart = windowStart(reportDate);
        Instant windowEnd = repository.snapshotStart(reportDate).or(() -> repository.latestRunStart(reportDate))
                .orElseThrow(() -> new IllegalStateException("no run of " + reportDate + " to rebuild from"));

        List<CounterReading> readings = repository.readings(reportDate);
        DailyCostCalculator.Result result = calculator.calculate(new DailyCostCalculator.Night(reportDate, windowStart),
                readings, repository.failures(reportDate), repository.previousReadings(reportDate),
                repository.trailingPerDay(reportDate));

        Map<Basis, Integer> counts = new EnumMap<>(Basis.class);
        BigDecimal instancesCost = BigDecimal.ZERO;
        for (DailyCost cost : result.costs()) {
            counts.merge(cost.basis(), 1, Integer::sum);
            if (cost.costUsd() != null) {
                instancesCost = instancesCost.add(cost.costUsd());
            }
        }
        // only what ran in the window can fall on either side of it while the fleet is fetched
        BigDecimal fleetRate = result.costs().stream()
                .filter(cost -> cost.pricePerHour() != null && cost.hours() != null && cost.hours().signum() > 0)
                .map(DailyCost::pricePerHour)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Duration fetching = fetchDuration(reportDate, windowEnd)
                .plus(previousDate.flatMap(d -> previousStart.map(start -> fetchDuration(d, start))).orElse(Duration.ZERO));
        AccountReconciler.Result account = reconciler.reconcile(new AccountReconciler.Inputs(reportDate, windowStart,
                windowEnd, instancesCost, unknownCosts(counts), fleetRate, fetching, repository.charges(windowStart, windowEnd),
                coverageProblem(windowEnd), previousDate.isEmpty(), beforeWindow(result.costs(), windowStart)));

        List<ReconciliationFinding> findings = new ArrayList<>(result.findings());
        findings.addAll(account.findings());
        findings.addAll(refreshFindings(reportDate));
        PayloadNotes.Findings notes = PayloadNotes.findings(reportDate, repository.fieldNotes(reportDate),
                repository.driftNamesBefore(reportDate), readings);
        findings.addAll(notes.findings());
        findings.addAll(restatementFindings(reportDate));
        accountIdFinding(reportDate).ifPresent(findings::add);
        repository.replace(reportDate, result.costs(), findings, account.reconciliation());
        log.info("costs of {}: ${} known over {} instances ({}), account {}", reportDate,
                DailyCostCalculator.plain(instancesCost), result.costs().size(), counts,
                account.reconciliation().status());
        if (notes.driftSummary() != null) {
            log.info("payload drift of {}: {}", reportDate, notes.driftSummary());
        }
    }

    /** Charge hours the provider showed again, with the same start and end, and other amounts. */
    private List<ReconciliationFinding> restatementFindings(LocalDate reportDate) {
        return repository.restatements(reportDate).stream().map(r -> new ReconciliationFinding(reportDate,
                ReconciliationFinding.Scope.ACCOUNT, null, "CHARGE_RESTATED", Severity.INFO, r.previousComputing(),
                r.computing(), r.computing().subtract(r.previousComputing()), "the provider restated the charge hour"
                + " from " + r.bucketStart() + ": computing $" + DailyCostCalculator.plain(r.previousComputing())
                + " became $" + DailyCostCalculator.plain(r.computing()) + " (total $" + DailyCostCalculator.plain(r.previousTotal())
                + " became $" + DailyCostCalculator.plain(r.total()) + "); the date whose window holds that hour was"
                + " reconciled with the old amount, and a report --date of it reconciles it with the new one")).toList();
    }

    /** The prorated share of known costs whose period began before the window: the bound's allowance for them. */
    private static Fraction beforeWindow(List<DailyCost> costs, Instant windowStart) {
        Fraction share = Fraction.ZERO;
        for (DailyCost cost : costs) {
            if (cost.costUsd() == null || cost.periodStart() == null || !cost.periodStart().isBefore(windowStart)) {
                continue;
            }
            long period = Duration.between(cost.periodStart(), cost.periodEnd()).toNanos();
            long before = Duration.between(cost.periodStart(), windowStart).toNanos();
            if (period > 0) {
                share = share.plus(Fraction.share(cost.costUsd(), Math.min(before, period), period));
            }
        }
        return share;
    }

    private Duration fetchDuration(LocalDate date, Instant start) {
        return repository.lastFetch(date).map(last -> Duration.between(start, last)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    private String coverageProblem(Instant windowEnd) {
        Optional<Instant> end = repository.chargesEnd();
        if (end.isEmpty()) {
            return "no charge history is stored, so the account cannot be reconciled";
        }
        if (end.get().isBefore(windowEnd)) {
            return "the stored charge history ends at " + end.get() + ", before the window's end " + windowEnd
                    + " (it could not be read tonight)";
        }
        return null;
    }

    private static String unknownCosts(Map<Basis, Integer> counts) {
        String text = List.of(Basis.BASELINE, Basis.NOT_CAPTURED, Basis.VANISHED).stream()
                .filter(counts::containsKey)
                .map(basis -> counts.get(basis) + " " + basis.name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? null : text;
    }

    private List<ReconciliationFinding> refreshFindings(LocalDate reportDate) {
        BigDecimal now = repository.snapshotTotalCost(reportDate);
        return repository.refreshes(reportDate).stream().map(refresh -> {
            BigDecimal before = (BigDecimal) refresh.get("previous_total_cost");
            return new ReconciliationFinding(reportDate, ReconciliationFinding.Scope.ACCOUNT, null, "REFRESHED", Severity.INFO,
                    before, now, now.subtract(before), "the date's snapshot was taken again at " + refresh.get("refreshed_at")
                    + ": " + refresh.get("previous_instances") + " instances with cumulative total $"
                    + DailyCostCalculator.plain(before) + " before, $" + DailyCostCalculator.plain(now) + " now");
        }).toList();
    }

    /**
     * Replaces the date's findings of the given kinds: those another feature derives (allocation's) beside the ledger's
     * own, in the same table and with the same limits. A {@link #rebuild} removes them; their owner writes them again.
     */
    @Transactional
    public void replaceFindings(LocalDate reportDate, List<String> kinds, List<ReconciliationFinding> findings) {
        repository.replaceFindings(reportDate, kinds, findings);
    }

    /**
     * FOCUS needs a billing account id: with none configured and none in the charge history, the reports carry a
     * stand-in and this finding says so (and how to set the real one).
     */
    private Optional<ReconciliationFinding> accountIdFinding(LocalDate reportDate) {
        String configured = properties.account().id();
        if ((configured != null && !configured.isBlank()) || repository.chargesNameTheAccount()) {
            return Optional.empty();
        }
        return Optional.of(new ReconciliationFinding(reportDate, ReconciliationFinding.Scope.ACCOUNT, null, "ACCOUNT_ID_UNKNOWN",
                Severity.WARN, null, null, null, "no LEDGER_ACCOUNT_ID is set and the charge history names no account (user_id):"
                        + " the FOCUS file's BillingAccountId is " + properties.unidentifiedAccountId()
                        + "; set LEDGER_ACCOUNT_ID to the provider's account id"));
    }

    /** Whether the date is done but needs attention: exit code 3 (contracts section 3). */
    public Optional<String> discrepancy(LocalDate reportDate) {
        CostRepository.Verdict verdict = repository.verdict(reportDate);
        if ("FAIL".equals(verdict.accountStatus())) {
            return Optional.of("account reconciliation FAIL (see account_reconciliation)");
        }
        if (!verdict.errorKinds().isEmpty()) {
            return Optional.of(verdict.errorKinds().size() + " ERROR findings: " + String.join(", ", verdict.errorKinds().stream().distinct().toList()));
        }
        return Optional.empty();
    }
}
