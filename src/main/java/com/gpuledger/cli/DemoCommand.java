package com.gpuledger.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;

import com.gpuledger.report.ReportService;
import com.gpuledger.run.ExitCode;
import com.gpuledger.run.NightlyRun;
import com.gpuledger.run.ReportRun;
import com.gpuledger.run.RunOutcome;
import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;

/**
 * {@code demo}: starts the simulator in this process and runs the real nightly job over HTTP for each of the last N
 * report dates, the simulated clock set to each night's run start. The simulated world moves as the real one does
 * ({@link SimulatorSettings.Realism#DEMO}): runs start at irregular minutes, requests take simulated time, hours are
 * restated, instances stop and start again, payloads drift. The job fetches one request at a time, so the clock each
 * answer carries, and every figure, is the same at every run. It only ever touches its own database and reports under
 * {@code LEDGER_HOME} ({@code data/demo/}, {@code reports/demo/}), recreated at each start.
 */
final class DemoCommand {

    static final String USAGE = """
            usage: gpu-ledger demo [--days=30] [--fleet-size=200] [--seed=42] [--end-date=YYYY-MM-DD]

            Starts a simulated provider in this process and runs the real nightly job against it for each of the
            last N report dates ending at --end-date (default: yesterday), each night starting up to 15 minutes
            after 02:00 business time. The simulated world moves: requests take simulated time, hours in progress
            are restated, a few instances stop and start again, a few payloads drift. Leaves the month workbook of
            every month the nights touch (the last one as it stands). Writes only to data/demo/ and
            reports/demo/ under LEDGER_HOME (recreated at each start); ignores SPRING_DATASOURCE_*,
            LEDGER_REPORTS_DIR, LEDGER_FETCH_CONCURRENCY (one request at a time) and LEDGER_ALLOCATION_FILE: it
            allocates with its own example, copied to data/demo/allocation.yaml. The same arguments always give the
            same numbers.
            """;

    /** When the nightly cron is scheduled: the morning after the report date, in business time. */
    static final LocalTime RUN_TIME = LocalTime.of(2, 0);

    static final String EXAMPLE_ALLOCATION = "/demo/allocation.yaml";

    private DemoCommand() {
    }

    static int execute(List<String> arguments, Map<String, String> environment, Path workingDirectory, PrintStream out) {
        CommandOptions options = new CommandOptions("demo", arguments, Set.of("days", "fleet-size", "seed", "end-date"));
        options.noPositional();
        int days = options.integer("days", 30, 1, 3660);
        int fleetSize = options.integer("fleet-size", 200, 1, 1_000_000);
        int seed = options.integer("seed", 42, 0, Integer.MAX_VALUE);
        Path home = LedgerContext.home(environment, workingDirectory);
        Path database = home.resolve("data/demo");
        Path reports = home.resolve("reports/demo");
        recreate(database);
        recreate(reports);
        Path allocation = exampleAllocationFile(database);

        ZoneId zone = ZoneId.of(environment.getOrDefault("LEDGER_TIMEZONE", "America/New_York"));
        LocalDate endDate = options.date("end-date") != null ? options.date("end-date") : LocalDate.now(zone).minusDays(1);
        LocalDate firstDate = endDate.minusDays(days - 1L);
        SimulatorSettings settings = SimulatorSettings.defaults(seed, fleetSize, runTime(firstDate, zone))
                .withRealism(SimulatorSettings.Realism.DEMO);
        LedgerContext.quietSimulatorServer();
        try (ProviderSimulator simulator = new ProviderSimulator(settings)) {
            simulator.start(0);
            Map<String, Object> overrides = new LinkedHashMap<>();
            overrides.put("spring.datasource.url", "jdbc:h2:file:" + database.resolve("ledger")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
            overrides.put("spring.datasource.username", "sa");
            overrides.put("spring.datasource.password", "");
            overrides.put("ledger.reports.dir", reports.toString());
            overrides.put("ledger.api.url", simulator.baseUrl());
            overrides.put("ledger.api.token", settings.token());
            overrides.put("ledger.allocation.file", allocation.toString());
            // requests move the simulated clock: one at a time, they always meet it at the same values
            overrides.put("ledger.fetch.concurrency", 1);
            out.println("demo: " + days + " nights from " + firstDate + " to " + endDate + ", fleet of " + fleetSize
                    + ", seed " + seed + ", simulated provider at " + simulator.baseUrl());
            try (ConfigurableApplicationContext context = LedgerContext.start(environment, workingDirectory, overrides,
                    new SimulatedClock(simulator))) {
                NightlyRun nightlyRun = context.getBean(NightlyRun.class);
                List<RunOutcome> outcomes = new ArrayList<>();
                for (LocalDate date = firstDate; !date.isAfter(endDate); date = date.plusDays(1)) {
                    simulator.setNow(settings.runStart(runTime(date, zone)));
                    outcomes.add(nightlyRun.run(date));
                }
                // a month is closed by the first run of the next; the last month of the nights is written as it stands,
                // as 'report --month' would, so that the demo always leaves a month workbook
                YearMonth lastMonth = YearMonth.from(endDate);
                if (!context.getBean(ReportService.class).datesWithCosts(lastMonth.atDay(1), endDate).isEmpty()) {
                    outcomes.add(context.getBean(ReportRun.class).month(lastMonth));
                }
                DemoSummary.print(context, endDate, database, context.getBean(ReportService.class).reportsDir(), out);
                return worst(outcomes).code();
            }
        }
    }

    static java.time.Instant runTime(LocalDate reportDate, ZoneId zone) {
        return ZonedDateTime.of(reportDate.plusDays(1), RUN_TIME, zone).toInstant();
    }

    /** Failed beats partial beats discrepancy beats OK, as a night's exit code would. */
    private static ExitCode worst(List<RunOutcome> outcomes) {
        List<ExitCode> order = List.of(ExitCode.FAILED, ExitCode.PARTIAL, ExitCode.DISCREPANCY, ExitCode.OK);
        return outcomes.stream().map(RunOutcome::exitCode).min(Comparator.comparingInt(order::indexOf)).orElse(ExitCode.OK);
    }

    /** The example allocation file for the simulated fleet, where a newcomer can read and edit it. */
    private static Path exampleAllocationFile(Path database) {
        Path file = database.resolve("allocation.yaml");
        try (var example = DemoCommand.class.getResourceAsStream(EXAMPLE_ALLOCATION)) {
            if (example == null) {
                throw new IllegalStateException("the jar lacks " + EXAMPLE_ALLOCATION);
            }
            Files.copy(example, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's allocation file " + file, e);
        }
        return file;
    }

    private static void recreate(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> paths = Files.walk(folder)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recreate the demo folder " + folder, e);
        }
    }
}
