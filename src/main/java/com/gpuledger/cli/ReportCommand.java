package com.gpuledger.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;

import com.gpuledger.run.ReportRun;
import com.gpuledger.run.UsageException;

/** {@code report}: rebuilds report files from the database alone. */
final class ReportCommand {

    static final String USAGE = """
            usage: gpu-ledger report --date=YYYY-MM-DD
                   gpu-ledger report --from=YYYY-MM-DD --to=YYYY-MM-DD
                   gpu-ledger report --month=YYYY-MM

            Rebuilds a date's report set (or each date's in a range, or a month's close) from the database alone,
            without calling the provider: the CSVs come out byte for byte as the nightly run wrote them. Mends a
            night whose reports could not be written. Waits for no one: exits 75 while a run holds the lease.
            """;

    private ReportCommand() {
    }

    static int execute(List<String> arguments, Map<String, String> environment, Path workingDirectory) {
        CommandOptions options = new CommandOptions("report", arguments, Set.of("date", "from", "to", "month"));
        options.noPositional();
        LocalDate date = options.date("date");
        LocalDate from = options.date("from");
        LocalDate to = options.date("to");
        String month = options.text("month", null);
        int forms = (date != null ? 1 : 0) + (from != null || to != null ? 1 : 0) + (month != null ? 1 : 0);
        if (forms != 1 || (from == null) != (to == null)) {
            throw new UsageException("report takes --date, or --from and --to, or --month (see report --help)");
        }
        if (from != null && from.isAfter(to)) {
            throw new UsageException("--from=" + from + " is after --to=" + to);
        }
        YearMonth yearMonth = month == null ? null : yearMonth(month);
        try (ConfigurableApplicationContext context = LedgerContext.start(environment, workingDirectory, Map.of(), null)) {
            ReportRun reportRun = context.getBean(ReportRun.class);
            return (yearMonth != null ? reportRun.month(yearMonth)
                    : date != null ? reportRun.days(date, date) : reportRun.days(from, to)).exitCode().code();
        }
    }

    private static YearMonth yearMonth(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--month=" + text + " is not a month like 2026-11");
        }
    }
}
