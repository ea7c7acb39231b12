package com.gpuledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;

import com.gpuledger.allocation.AllocationCheck;
import com.gpuledger.run.ExitCode;
import com.gpuledger.run.UsageException;

/** {@code allocation check [--date=D]}: the allocation file against a stored date's instances. */
final class AllocationCommand {

    static final String USAGE = """
            usage: gpu-ledger allocation check [--date=YYYY-MM-DD]

            Checks the allocation file (LEDGER_ALLOCATION_FILE, default $LEDGER_HOME/allocation.yaml) as it is now
            against the instances of report date D (default: the latest date with costs), from the database alone:
            each instance with the rule that matches it (first match wins), the unmatched ones, the rules that match
            nothing and the rules shadowed by an earlier one. Writes nothing; the next 'run' adopts the file.
            Exit codes: 0 every instance matched, 3 some are unallocated, 64 a bad file (naming its line) or date.
            """;

    private AllocationCommand() {
    }

    static int execute(List<String> arguments, Map<String, String> environment, Path workingDirectory, PrintStream out) {
        CommandOptions options = new CommandOptions("allocation", arguments, Set.of("date"));
        if (options.positional().size() != 1 || !options.positional().get(0).equals("check")) {
            throw new UsageException("allocation takes the subcommand 'check' (see allocation --help)");
        }
        try (ConfigurableApplicationContext context = LedgerContext.start(environment, workingDirectory, Map.of(), null)) {
            int unmatched = context.getBean(AllocationCheck.class).check(options.date("date"), out);
            return unmatched == 0 ? ExitCode.OK.code() : ExitCode.DISCREPANCY.code();
        }
    }
}
