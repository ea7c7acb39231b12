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
import com.gpuledger.provider.ProviderProperties;

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
    private final ReconciliationProperties thresholds;
    private final String unidentifiedAccountId;
    private final PlannerStatistics statistics;

    CostLedger(CostRepository repository, LedgerProperties properties, ReconciliationProperties thresholds,
               ProviderProperties provider, PlannerStatistics statistics) {
        this.repository = repository;
        this.statistics = statistics;
        this.properties = properties;
        this.thresholds = thresholds;
        this.unidentifiedAccountId = provider.unidentifiedAccountId();
        this.calculator = new DailyCostCalculator(thresholds);
        this.reconciler = new AccountReconciler(thresholds);
    }

    /**
     * The previous completed run's start on the provider's clock, or on the first night the start of the date: the
     * first-seen rule's edge (an instance started since is NEW) and where the stored charge history must reach back to.
     */
    Instant windowStart(LocalDate reportDate) {
        return repository.previousDate(reportDate).flatMap(repository::snapshotStart)
                .orElseGet(() -> reportDate.atStartOfDay(properties.timezone()).toInstant());
    }

    @Transactional
    public void rebuild(LocalDate reportDate) {
        // the fetch step has just written the date's snapshots and failures
        statistics.refresh("instance_snapshot", "fetch_failure");
        Optional<LocalDate> previousDate = repository.previousDate(reportDate);
        Instant newSince = windowStart(reportDate);
        Instant runStart = repository.snapshotStart(reportDate).or(() -> repository.latestRunStart(reportDate))
                .orElseThrow(() -> new IllegalStateException("no run of " + reportDate + " to rebuild from"));

        List<CounterReading> readings = repository.readings(reportDate);
        Map<String, CounterReading> previous = repository.previousReadings(reportDate);
        DailyCostCalculator.Result result = calculator.calculate(new DailyCostCalculator.Night(reportDate, newSince),
                readings, repository.failures(reportDate), previous, repository.trailingPerDay(reportDate));

        Map<Basis, Integer> counts = new EnumMap<>(Basis.class);
        BigDecimal instancesCost = BigDecimal.ZERO;
        for (DailyCost cost : result.costs()) {
            counts.merge(cost.basis(), 1, Integer::sum);
            if (cost.costUsd() != null) {
                instancesCost = instancesCost.add(cost.costUsd());
            }
        }
        // the window lies between the previous night's last counters read and tonight's first, on the provider's clock
        Instant since = previousDate.flatMap(repository::reads).map(CostRepository.Reads::last).orElse(newSince);
        Instant until = repository.reads(reportDate).map(CostRepository.Reads::first).orElse(runStart);
        AccountReconciler.Result account = reconciler.reconcile(new AccountReconciler.Inputs(reportDate, since, until,
                accruals(result.costs(), readings, previous), repository.charges(since, until),
                repository.chargeHistoryProblem(reportDate).orElse(null), previousDate.isEmpty()));

        List<ReconciliationFinding> findings = new ArrayList<>(result.findings());
        findings.addAll(account.findings());
        clockSkewFinding(reportDate).ifPresent(findings::add);
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

    /** What the reconciliation needs of each row: its period, its prices at both ends, what bounds an unknown cost. */
    private static List<AccountReconciler.Accrual> accruals(List<DailyCost> costs, List<CounterReading> readings,
                                                            Map<String, CounterReading> previous) {
        Map<String, CounterReading> tonight = readings.stream()
                .collect(Collectors.toMap(CounterReading::instanceId, reading -> reading, (a, b) -> a));
        List<AccountReconciler.Accrual> accruals = new ArrayList<>(costs.size());
        for (DailyCost cost : costs) {
            CounterReading before = previous.get(cost.instanceId());
            CounterReading today = tonight.get(cost.instanceId());
            BigDecimal priceBefore = before == null || cost.basis() == Basis.NEW ? cost.pricePerHour() : before.pricePerHour();
            if (cost.basis() == Basis.BASELINE) {
                accruals.add(new AccountReconciler.Accrual(cost.instanceId(), cost.basis(), null, null, cost.pricePerHour(),
                        cost.pricePerHour(), today.startTime(), today.countersAt()));
            } else if (!cost.basis().costKnown()) {
                // not read tonight: from its last read it may have run to the window's end
                accruals.add(new AccountReconciler.Accrual(cost.instanceId(), cost.basis(), null, null, cost.pricePerHour(),
                        cost.pricePerHour(), cost.periodStart(), null));
            } else {
                accruals.add(new AccountReconciler.Accrual(cost.instanceId(), cost.basis(), cost.costUsd(), cost.hours(),
                        priceBefore, cost.pricePerHour(), cost.periodStart(), cost.periodEnd()));
            }
        }
        return accruals;
    }

    /** A provider clock more than the limit away from this machine's: the job follows the provider's, and says so. */
    private Optional<ReconciliationFinding> clockSkewFinding(LocalDate reportDate) {
        Duration limit = thresholds.clockSkewLimit();
        return repository.snapshotRun(reportDate).map(CostRepository.SnapshotRun::skew)
                .filter(skew -> skew.abs().compareTo(limit) > 0)
                .map(skew -> ReconciliationFinding.account(reportDate, "CLOCK_SKEW", Severity.WARN, "the provider's clock is "
                        + skew.abs().toSeconds() + " s " + (skew.isNegative() ? "behind" : "ahead of") + " this machine's"
                        + " (its Date header, to the second); the window, the periods and the first-seen rule follow the"
                        + " provider's, so nothing is misplaced, but synchronise this machine's clock (NTP): beyond "
                        + limit.toSeconds() + " s (ledger.reconciliation.clock-skew-limit) it is news"));
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
                        + " the FOCUS file's BillingAccountId is " + unidentifiedAccountId
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
