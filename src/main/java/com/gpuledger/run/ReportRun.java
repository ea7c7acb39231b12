package com.gpuledger.run;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.gpuledger.allocation.AllocationLedger;
import com.gpuledger.cost.CostLedger;
import com.gpuledger.report.ReportService;
import com.gpuledger.report.ReportWriteException;
import com.gpuledger.snapshot.SnapshotRepository;

/**
 * {@code report}: rebuilds report files from the database alone, no provider call, under the lease so it never
 * writes while a run does. Each date's derived rows are rebuilt first (identically), then its set is published.
 */
@Component
public class ReportRun {

    private static final Logger log = LoggerFactory.getLogger(ReportRun.class);

    private final ExclusiveRun exclusiveRun;
    private final ReportService reports;
    private final CostLedger costLedger;
    private final AllocationLedger allocationLedger;
    private final SnapshotRepository snapshots;

    ReportRun(ExclusiveRun exclusiveRun, ReportService reports, CostLedger costLedger, AllocationLedger allocationLedger,
              SnapshotRepository snapshots) {
        this.exclusiveRun = exclusiveRun;
        this.snapshots = snapshots;
        this.reports = reports;
        this.costLedger = costLedger;
        this.allocationLedger = allocationLedger;
    }

    /** The dates' sets; a date whose costs were never computed is refused (exit 64). */
    public RunOutcome days(LocalDate from, LocalDate to) {
        List<LocalDate> dates = reports.datesWithCosts(from, to);
        if (from.equals(to) && dates.isEmpty()) {
            Optional<LocalDate> latest = snapshots.latestReportDate();
            if (latest.isPresent() && from.isBefore(latest.get())) {
                // the advice must be one that 'run' accepts: only the latest date can be run again
                throw new UsageException("no completed run for " + from + ", and it cannot be run any more: " + latest.get()
                        + " already has a snapshot and the provider has no 'as of'; its cost is part of the first later"
                        + " date's delta (MULTI_DAY)");
            }
            throw new UsageException("no completed run for " + from + ": run it first ('run --date=" + from + "')");
        }
        if (dates.isEmpty()) {
            throw new UsageException("no completed run between " + from + " and " + to);
        }
        return underLease(from, () -> {
            for (LocalDate date : dates) {
                costLedger.rebuild(date);
                // with the rules stored for the date, never the file as it is now
                allocationLedger.rebuild(date);
                reports.refreshStatistics();
                reports.publishDay(date);
            }
            return dates.size() == 1 ? "1 date written: " + dates.get(0)
                    : dates.size() + " dates written: " + dates.get(0) + " to " + dates.get(dates.size() - 1);
        });
    }

    public RunOutcome month(YearMonth month) {
        if (reports.datesWithCosts(month.atDay(1), month.atEndOfMonth()).isEmpty()) {
            throw new UsageException("no completed run in " + month);
        }
        return underLease(month.atDay(1), () -> {
            reports.publishMonth(month);
            return "month close of " + month + " written";
        });
    }

    private RunOutcome underLease(LocalDate date, Work work) {
        RunOutcome outcome = exclusiveRun.run("report", date, () -> {
            try {
                return ExclusiveRun.done(work.run());
            } catch (ReportWriteException e) {
                return RunOutcome.failed("reports not written: " + e.getMessage());
            }
        });
        log.info("report finished: exit {} - {}", outcome.exitCode().code(), outcome.message());
        return outcome;
    }

    @FunctionalInterface
    private interface Work {
        String run() throws ReportWriteException;
    }
}
