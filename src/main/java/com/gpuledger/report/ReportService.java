package com.gpuledger.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.gpuledger.LedgerProperties;
import com.gpuledger.database.PlannerStatistics;
import com.gpuledger.provider.ProviderProperties;
import com.gpuledger.report.focus.FocusInputs;
import com.gpuledger.report.focus.FocusProperties;
import com.gpuledger.report.focus.FocusVersion;
import com.gpuledger.run.AppVersion;

/** Writes a date's report set, or a month's close, from the database alone, and publishes it atomically. */
@Component
public class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final ReportRepository repository;
    private final LedgerProperties properties;
    private final Path reportsDir;
    private final FocusVersion focusVersion;
    private final String unidentifiedAccountId;
    private final ReportPublisher publisher;
    private final List<ReportContributor> contributors;
    private final PlannerStatistics statistics;

    /** @param storage the file layer: local files unless a {@link ReportStorage} bean is given (tests inject faults) */
    ReportService(ReportRepository repository, LedgerProperties properties, ReportProperties reports, FocusProperties focus,
                  ProviderProperties provider, ObjectProvider<ReportStorage> storage,
                  ObjectProvider<ReportContributor> contributors, PlannerStatistics statistics) {
        this.repository = repository;
        this.statistics = statistics;
        this.contributors = contributors.orderedStream().toList();
        this.properties = properties;
        this.reportsDir = reports.dirUnder(properties.home());
        this.focusVersion = focus.focusVersion();
        this.unidentifiedAccountId = provider.unidentifiedAccountId();
        this.publisher = new ReportPublisher(reportsDir, Clock.systemUTC(), storage.getIfAvailable(ReportStorage::local));
        useOwnPoiTempFolder();
    }

    public List<LocalDate> datesWithCosts(LocalDate from, LocalDate to) {
        return repository.datesWithCosts(from, to);
    }

    /** Called once the date's rows are written and before its files are: the database plans from fresh statistics. */
    public void refreshStatistics() {
        statistics.refresh("daily_instance_allocation", "reconciliation_finding");
    }

    /** The date's files under {@code LEDGER_REPORTS_DIR/D/}. */
    @Transactional(readOnly = true)
    public Publication publishDay(LocalDate reportDate) throws ReportWriteException {
        Publication publication = publisher.publish(dailyReport(reportDate));
        publication.notes().forEach(note -> log.warn("reports of {}: {}", reportDate, note));
        log.info("reports of {} written to {}", reportDate, publication.directory());
        return publication;
    }

    /**
     * The model the date's files are written from, for the features that tell others about the day (the mail, the
     * metrics): the same numbers as the files. Its instances are read from the database each time they are walked.
     */
    @Transactional(readOnly = true)
    public DailyReport dailyReport(LocalDate reportDate) {
        ReportRepository.Totals totals = repository.totals(reportDate);
        AccountCheck account = repository.account(reportDate);
        return new DailyReport(reportDate, properties.timezone(),
                account == null ? null : account.windowStart(), account == null ? null : account.windowEnd(),
                repository.capturingRun(reportDate), AppVersion.current(),
                billingAccountId(), properties.account().name().isBlank() ? null : properties.account().name(), totals.costUsd(),
                totals.unknownCostCount(), totals.monthToDateUsd(), totals.forecastMonthUsd(),
                totals.forecastMethod(), repository.countsByBasis(reportDate), repository.findingsBySeverity(reportDate),
                account, repository.groups(reportDate, true, false), repository.groups(reportDate, false, true),
                repository.groups(reportDate, true, true), repository.instances(reportDate), repository.findings(reportDate),
                repository.dailyTotals(reportDate.minusDays(29), reportDate),
                new FocusInputs(focusVersion, repository.priceSightings(reportDate)),
                contribution(reportDate));
    }

    /** The date's headline numbers, the same as {@link #dailyReport}'s, without its groups, rows and contributions. */
    @Transactional(readOnly = true)
    public DayFigures dayFigures(LocalDate reportDate) {
        ReportRepository.Totals totals = repository.totals(reportDate);
        return new DayFigures(reportDate, totals.costUsd(), totals.unknownCostCount(), repository.account(reportDate),
                repository.findingsBySeverity(reportDate));
    }

    /** {@code LEDGER_REPORTS_DIR}, or {@code reports} under {@code LEDGER_HOME}: where the report folders are. */
    public Path reportsDir() {
        return reportsDir;
    }

    /** Where the date's workbook is once its set is published. */
    public Path workbook(LocalDate reportDate) {
        return reportsDir.resolve(reportDate.toString()).resolve(DailyReportFiles.names(reportDate).get(0));
    }

    /**
     * The configured account id, else the one the charge history names, else a stable stand-in named after the API
     * (the nightly run records an {@code ACCOUNT_ID_UNKNOWN} finding then): FOCUS's BillingAccountId is never null.
     */
    private String billingAccountId() {
        if (properties.account().id() != null && !properties.account().id().isBlank()) {
            return properties.account().id();
        }
        return repository.chargeAccountId().orElse(unidentifiedAccountId);
    }

    /** The month-close workbook, written on the first run of the next month. */
    @Transactional(readOnly = true)
    public Publication publishMonth(YearMonth month) throws ReportWriteException {
        MonthReport report = new MonthReport(month, properties.timezone(), AppVersion.current(), repository.monthDays(month),
                repository.monthTotals(month, true), repository.monthTotals(month, false),
                repository.dailyTotals(month.atDay(1), month.atEndOfMonth()), repository.accounts(month),
                contributors.stream().flatMap(contributor -> contributor.month(month).stream()).toList());
        Publication publication = publisher.publish(report);
        log.info("month close of {} written to {}", month, publication.directory());
        return publication;
    }

    /** On the first run of a month, the previous month is closed: its workbook is written. */
    public Optional<Publication> closePreviousMonth(LocalDate reportDate) throws ReportWriteException {
        YearMonth previous = YearMonth.from(reportDate).minusMonths(1);
        if (!repository.firstOfItsMonth(reportDate) || repository.datesWithCosts(previous.atDay(1), previous.atEndOfMonth()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(publishMonth(previous));
    }

    private ReportContribution contribution(LocalDate reportDate) {
        ReportContribution all = ReportContribution.NONE;
        for (ReportContributor contributor : contributors) {
            all = all.and(contributor.day(reportDate));
        }
        return all;
    }

    /** POI's default temp folder is shared by every user of /tmp and created 0755: a run of another user collides. */
    private static void useOwnPoiTempFolder() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "gpu-ledger-poi-" + System.getProperty("user.name"));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create POI's temporary folder " + folder, e);
        }
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(folder.toFile()));
    }
}
