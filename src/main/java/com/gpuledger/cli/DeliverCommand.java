package com.gpuledger.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;

import com.gpuledger.delivery.Delivery;
import com.gpuledger.run.UsageException;

/** {@code deliver --date=D [--again]}: the date's mail and alert, sent now. */
final class DeliverCommand {

    static final String USAGE = """
            usage: gpu-ledger deliver --date=YYYY-MM-DD [--again]

            Sends the date's mail (LEDGER_MAIL_TO, through SPRING_MAIL_HOST) and alert (LEDGER_ALERT_WEBHOOK_URL) that
            are due and not yet sent: a delivery the nightly run could not make is retried here (the next run retries it
            too). A message already sent is not sent again unless --again. Every delivery is recorded in report_delivery.
            Exit codes: 0 nothing failed, 1 a delivery failed (running it again is safe), 64 no delivery configured or no
            completed run for the date, 75 another run holds the lease.
            """;

    private DeliverCommand() {
    }

    static int execute(List<String> arguments, Map<String, String> environment, Path workingDirectory) {
        CommandOptions options = new CommandOptions("deliver", arguments, Set.of("date", "again"));
        options.noPositional();
        LocalDate date = options.date("date");
        if (date == null) {
            throw new UsageException("deliver takes --date=YYYY-MM-DD (see deliver --help)");
        }
        if (options.has("again") && !options.text("again", "").isEmpty()) {
            throw new UsageException("--again takes no value");
        }
        try (ConfigurableApplicationContext context = LedgerContext.start(environment, workingDirectory, Map.of(), null)) {
            return context.getBean(Delivery.class).deliver(date, options.has("again")).exitCode().code();
        }
    }
}
