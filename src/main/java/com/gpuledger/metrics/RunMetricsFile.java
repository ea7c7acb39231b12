package com.gpuledger.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.gpuledger.report.AccountCheck;
import com.gpuledger.report.DayFigures;
import com.gpuledger.report.ReportService;
import com.gpuledger.run.RunEnded;
import com.gpuledger.run.RunObserver;
import com.gpuledger.run.RunOutcome;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Writes the Prometheus textfile of contracts section 10 at the end of every run, whatever its outcome, last of the
 * run's observers. The file is written beside its final place and renamed over it: node_exporter reads the whole old
 * file or the whole new one. A killed run leaves the previous file, whose timestamps then age into the alert.
 * <p>
 * A value that is not known is left out, never written as 0: a day whose costs are all unknown has no
 * {@code gpu_ledger_daily_cost_usd} sample, a date without a reconciliation no difference.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
class RunMetricsFile implements RunObserver {

    static final String LAST_SUCCESS = "gpu_ledger_last_success_timestamp_seconds";

    private static final Logger log = LoggerFactory.getLogger(RunMetricsFile.class);
    private static final Pattern LAST_SUCCESS_SAMPLE = Pattern.compile("^" + LAST_SUCCESS + "(?:\\{[^}]*})? (\\S+)", Pattern.MULTILINE);
    private static final List<String> SEVERITIES = List.of("ERROR", "WARN", "INFO");

    private final Path file;
    private final ReportService reports;
    private final LastSuccess lastSuccess;
    private final DeliveryStates deliveries;

    RunMetricsFile(Path file, ReportService reports, LastSuccess lastSuccess, DeliveryStates deliveries) {
        this.file = file;
        this.reports = reports;
        this.lastSuccess = lastSuccess;
        this.deliveries = deliveries;
    }

    Path file() {
        return file;
    }

    @Override
    public void runEnded(RunEnded run) {
        try {
            write(snapshots(run));
            log.info("run {}: metrics written to {}", run.reportDate(), file);
        } catch (IOException e) {
            log.warn("run {}: metrics not written to {}: {}", run.reportDate(), file, e.toString());
        }
    }

    private MetricSnapshots snapshots(RunEnded run) {
        RunOutcome outcome = run.outcome();
        String date = String.valueOf(run.reportDate());
        List<GaugeSnapshot> gauges = new ArrayList<>();
        gauges.add(gauge("gpu_ledger_last_run_timestamp_seconds", "When the last run ended (Unix time).",
                point(seconds(run.endedAt()), Labels.EMPTY)));
        Optional<Instant> success = run.reportsPublished() ? Optional.of(run.endedAt()) : lastSuccess();
        gauges.add(gauge(LAST_SUCCESS, "When a run last ended with its date's reports written: exit 0, 2 or 3 (Unix time).",
                success.map(at -> point(seconds(at), Labels.EMPTY)).stream().toList()));
        gauges.add(gauge("gpu_ledger_last_exit_code", "Exit code of the last run (contracts section 3).",
                point(outcome.exitCode().code(), Labels.EMPTY)));
        gauges.add(gauge("gpu_ledger_run_duration_seconds", "How long the last run took.",
                point(run.duration().toMillis() / 1000.0, Labels.EMPTY)));
        List<GaugeDataPointSnapshot> instances = new ArrayList<>();
        addCount(instances, date, "discovered", outcome.discovered());
        addCount(instances, date, "captured", outcome.captured());
        addCount(instances, date, "failed", outcome.failed());
        addCount(instances, date, "not_found", outcome.notFound());
        gauges.add(gauge("gpu_ledger_instances", "Instances of the last run's date by state.", instances));
        if (run.reportsPublished()) {
            gauges.addAll(day(reports.dayFigures(run.reportDate()), date));
        }
        if (run.reportDate() != null) {
            gauges.addAll(deliveries(run.reportDate(), date));
        }
        return new MetricSnapshots(List.copyOf(gauges));
    }

    /** The date's mails and alerts by state, and those still owed for any date; none when the database cannot say. */
    private List<GaugeSnapshot> deliveries(LocalDate reportDate, String date) {
        try {
            List<GaugeDataPointSnapshot> states = deliveries.of(reportDate).stream()
                    .map(count -> point(count.deliveries(), Labels.of("report_date", date, "channel", count.channel(),
                            "status", count.status())))
                    .toList();
            return List.of(
                    gauge("gpu_ledger_deliveries", "Deliveries of the date by channel (MAIL, WEBHOOK) and status (SENT, FAILED).",
                            states),
                    gauge("gpu_ledger_deliveries_owed", "Deliveries of any date that failed and are not sent yet (the next run"
                            + " or 'deliver --date=D' retries them).", point(deliveries.owed(), Labels.EMPTY)));
        } catch (RuntimeException e) {
            log.warn("run {}: deliveries not read for the metrics: {}", reportDate, e.getMessage());
            return List.of();
        }
    }

    /** The numbers of the date the last run published, as its reports show them. */
    static List<GaugeSnapshot> day(DayFigures figures, String date) {
        Labels day = Labels.of("report_date", date);
        List<GaugeSnapshot> gauges = new ArrayList<>();
        gauges.add(gauge("gpu_ledger_daily_cost_usd", "Cost of the date; absent when every cost of the date is unknown.",
                amount(figures.totalCostUsd(), day)));
        gauges.add(gauge("gpu_ledger_daily_unknown_cost_instances", "Instances of the date whose cost is unknown.",
                point(figures.unknownCostCount(), day)));
        AccountCheck account = figures.account();
        gauges.add(gauge("gpu_ledger_reconciliation_difference_usd",
                "Instances' cost minus the account's charges for the date; absent without a reconciliation.",
                account == null ? List.of() : amount(account.differenceUsd(), day)));
        gauges.add(gauge("gpu_ledger_reconciliation_status", "1 for the date's account reconciliation status (OK, WARN, FAIL).",
                account == null ? List.of() : List.of(point(1, Labels.of("report_date", date, "status", account.status())))));
        Map<String, Integer> severities = figures.findingsBySeverity() == null ? Map.of() : figures.findingsBySeverity();
        gauges.add(gauge("gpu_ledger_findings", "Findings of the date by severity.", SEVERITIES.stream()
                .map(severity -> point(severities.getOrDefault(severity, 0), Labels.of("report_date", date, "severity", severity)))
                .toList()));
        return gauges;
    }

    /** From the database; when it cannot answer (the run failed because it is down), from the previous file. */
    private Optional<Instant> lastSuccess() {
        try {
            return lastSuccess.recorded();
        } catch (RuntimeException e) {
            log.warn("last success not read from the database ({}): kept from the previous metrics file", e.getMessage());
            return previousLastSuccess();
        }
    }

    private Optional<Instant> previousLastSuccess() {
        try {
            Matcher sample = LAST_SUCCESS_SAMPLE.matcher(Files.readString(file));
            if (!sample.find()) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochMilli(new BigDecimal(sample.group(1)).movePointRight(3).longValue()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void write(MetricSnapshots snapshots) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            // node_exporter must reach the file: the scripts' umask 077 would make the folder 0700
            if (Files.getFileAttributeView(directory, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        // not *.prom: node_exporter never reads the half-written file
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                PrometheusTextFormatWriter.create().write(out, snapshots);
            }
            // node_exporter runs as another user: the file must be readable by it (temp files are 0600)
            if (Files.getFileAttributeView(temporary, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void addCount(List<GaugeDataPointSnapshot> points, String date, String state, Integer count) {
        if (count != null) {
            points.add(point(count, Labels.of("report_date", date, "state", state)));
        }
    }

    private static GaugeSnapshot gauge(String name, String help, GaugeDataPointSnapshot point) {
        return gauge(name, help, List.of(point));
    }

    private static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        points.forEach(gauge::dataPoint);
        return gauge.build();
    }

    private static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    /** A money sample; none when the amount is unknown. The file is for alerting: a double is precise enough. */
    private static List<GaugeDataPointSnapshot> amount(BigDecimal usd, Labels labels) {
        return usd == null ? List.of() : List.of(point(usd.doubleValue(), labels));
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
