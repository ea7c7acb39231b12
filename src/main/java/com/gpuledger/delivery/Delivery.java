package com.gpuledger.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;

import com.gpuledger.provider.ProviderText;
import com.gpuledger.report.ReportService;
import com.gpuledger.run.ExclusiveRun;
import com.gpuledger.run.RunEnded;
import com.gpuledger.run.RunObserver;
import com.gpuledger.run.RunOutcome;
import com.gpuledger.run.UsageException;

/**
 * Delivers a report date on every configured channel, and records each delivery in {@code report_delivery}. A delivery
 * that fails is logged and recorded, never fails the data nor changes the run's exit code; the next run retries it, as
 * does {@code deliver --date=D}. One that was sent is never sent again, unless {@code deliver --date=D --again}.
 * <p>
 * The run tells it of its end while still holding the lease, and {@code deliver} takes the lease: two processes never
 * deliver at once, so the check of {@code report_delivery} and the send cannot race.
 */
@Order(0)
public class Delivery implements RunObserver {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    /** The exit codes of a run that did its work, well or not: a refused date or a held lease tells nobody anything. */
    private static final Set<Integer> DELIVERED_EXIT_CODES = Set.of(0, 1, 2, 3);

    private final List<DeliveryChannel> channels;
    private final DeliveryRecords records;
    private final ReportService reports;
    private final CostCenters costCenters;
    private final ExclusiveRun exclusiveRun;
    private final Clock clock;

    Delivery(List<DeliveryChannel> channels, DeliveryRecords records, ReportService reports, CostCenters costCenters,
             ExclusiveRun exclusiveRun, Clock clock) {
        this.channels = List.copyOf(channels);
        this.records = records;
        this.reports = reports;
        this.costCenters = costCenters;
        this.exclusiveRun = exclusiveRun;
        this.clock = clock;
    }

    /** After a run: first the earlier dates whose delivery failed, then the run's own date. */
    @Override
    public void runEnded(RunEnded run) {
        int exitCode = run.exitCode().code();
        if (channels.isEmpty() || !DELIVERED_EXIT_CODES.contains(exitCode)) {
            return;
        }
        // a channel that fails is not tried again by this run: each holds the lease for one deadline at most
        Set<DeliveryChannel> down = new HashSet<>();
        for (DeliveryChannel channel : channels) {
            for (LocalDate earlier : failedBefore(run.reportDate(), channel)) {
                if (deliver(channel, recordedOccasion(earlier), false) == Result.FAILED) {
                    down.add(channel);
                    break;
                }
            }
        }
        DeliveryOccasion occasion = occasion(run.reportDate(), exitCode, run.outcome().message(), run.reportsPublished());
        for (DeliveryChannel channel : channels) {
            if (down.contains(channel)) {
                notTried(channel, occasion);
            } else {
                deliver(channel, occasion, false);
            }
        }
    }

    /**
     * {@code deliver --date=D [--again]}: the date's messages that are due and not yet sent (all that are due with
     * {@code again}). Exit 0 when nothing failed, 1 when a delivery failed (running it again is safe), 64 when no channel
     * is configured or the date has no completed run.
     */
    public RunOutcome deliver(LocalDate reportDate, boolean again) {
        if (channels.isEmpty()) {
            throw new UsageException("no delivery is configured: set LEDGER_MAIL_TO (and SPRING_MAIL_HOST) or LEDGER_ALERT_WEBHOOK_URL");
        }
        return exclusiveRun.run("deliver", reportDate, () -> {
            DeliveryOccasion occasion = recordedOccasion(reportDate);
            if (occasion.exitCode() == null) {
                throw new UsageException("no completed run for " + reportDate + ": run it first ('run --date=" + reportDate + "')");
            }
            List<String> results = new ArrayList<>();
            boolean failed = false;
            for (DeliveryChannel channel : channels) {
                Result result = deliver(channel, occasion, again);
                failed |= result == Result.FAILED;
                results.add(channel.channel().toLowerCase() + " " + result.text);
            }
            String message = reportDate + ": " + String.join(", ", results);
            log.info("deliver {}", message);
            return failed ? ExclusiveRun.failed(message) : ExclusiveRun.done(message);
        });
    }

    enum Result {
        NOT_DUE("not due"), ALREADY_SENT("already sent"), SENT("sent"), FAILED("failed");

        final String text;

        Result(String text) {
            this.text = text;
        }
    }

    private Result deliver(DeliveryChannel channel, DeliveryOccasion occasion, boolean again) {
        LocalDate date = occasion.reportDate();
        if (!channel.due(occasion)) {
            return Result.NOT_DUE;
        }
        if (!again && alreadySent(channel, date)) {
            log.info("{} of {} to {} was sent already", channel.channel(), date, channel.target());
            return Result.ALREADY_SENT;
        }
        try {
            String what = channel.send(occasion);
            log.info("{} of {} sent to {}", channel.channel(), date, channel.target());
            record(channel, date, true, what);
            return Result.SENT;
        } catch (RuntimeException e) {
            String why = ProviderText.withoutSecrets(describe(e));
            log.warn("{} of {} to {} failed, to be retried by the next run or 'deliver --date={}': {}", channel.channel(), date,
                    channel.target(), date, why);
            record(channel, date, false, why);
            return Result.FAILED;
        }
    }

    private void notTried(DeliveryChannel channel, DeliveryOccasion occasion) {
        LocalDate date = occasion.reportDate();
        if (channel.due(occasion) && !alreadySent(channel, date)) {
            log.warn("{} of {} to {} not tried: it failed for an earlier date just before; the next run or 'deliver --date={}' sends it",
                    channel.channel(), date, channel.target(), date);
            record(channel, date, false, "not tried: the channel failed for an earlier date in the same run");
        }
    }

    /** A database that cannot answer must not keep an alert from going out: it is then sent, possibly again. */
    private boolean alreadySent(DeliveryChannel channel, LocalDate date) {
        try {
            return records.find(date, channel.channel(), channel.target()).filter(row -> row.status().equals("SENT")).isPresent();
        } catch (RuntimeException e) {
            log.warn("{} of {}: report_delivery not readable, sending: {}", channel.channel(), date, e.toString());
            return false;
        }
    }

    private void record(DeliveryChannel channel, LocalDate date, boolean sent, String message) {
        try {
            records.record(date, channel.channel(), channel.target(), sent, clock.instant(), message);
        } catch (RuntimeException e) {
            log.warn("{} of {}: the delivery was {} but could not be recorded: {}", channel.channel(), date,
                    sent ? "sent" : "not sent", e.toString());
        }
    }

    private List<LocalDate> failedBefore(LocalDate date, DeliveryChannel channel) {
        try {
            return records.failedBefore(date, channel.channel(), channel.target());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A date as the database has it: its last run's exit code, and its reports when they are published. */
    private DeliveryOccasion recordedOccasion(LocalDate date) {
        Optional<DeliveryRecords.LastRun> lastRun = records.lastRun(date);
        return occasion(date, lastRun.map(DeliveryRecords.LastRun::exitCode).orElse(null),
                lastRun.map(DeliveryRecords.LastRun::message).orElse(null), Files.isRegularFile(reports.workbook(date)));
    }

    private DeliveryOccasion occasion(LocalDate date, Integer exitCode, String runMessage, boolean published) {
        if (!published) {
            return new DeliveryOccasion(date, exitCode, runMessage, null, null);
        }
        Path workbook = reports.workbook(date);
        try {
            return new DeliveryOccasion(date, exitCode, runMessage, DayDigest.of(reports.dailyReport(date), costCenters), workbook);
        } catch (RuntimeException e) {
            log.warn("{}: the day's numbers could not be read for its delivery: {}", date, e.toString());
            return new DeliveryOccasion(date, exitCode, runMessage, null, null);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            text.append(" (").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage()).append(")");
        }
        return text.toString();
    }
}
