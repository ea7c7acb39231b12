package com.gpuledger.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import com.gpuledger.report.focus.FocusValidator;
import com.gpuledger.report.ReportService;
import com.gpuledger.run.NightlyRun;
import com.gpuledger.run.RunOutcome;

/** The application context the command line would start, with a test's clock: for scenarios over several nights. */
public final class JobHarness implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Path reportsDir;

    public JobHarness(Map<String, String> environment, Path home, Clock clock) {
        this(environment, home, clock, Map.of());
    }

    /** @param singletons beans to register before the context starts, e.g. a fault-injecting file layer */
    public JobHarness(Map<String, String> environment, Path home, Clock clock, Map<String, Object> singletons) {
        this.context = LedgerContext.start(environment, home, Map.of(), clock, singletons);
        this.reportsDir = context.getBean(ReportService.class).reportsDir();
    }

    /** Runs the night; every FOCUS file published so far must keep the FOCUS rules. */
    public RunOutcome run(LocalDate reportDate) {
        RunOutcome outcome = context.getBean(NightlyRun.class).run(reportDate);
        FocusValidator.assertAllValid(reportsDir);
        return outcome;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
