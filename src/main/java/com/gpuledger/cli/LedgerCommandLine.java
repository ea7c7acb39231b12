package com.gpuledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.BindException;

import com.gpuledger.run.ExitCode;
import com.gpuledger.run.LeaseHeldException;
import com.gpuledger.run.UsageException;

/** {@code java -jar gpu-ledger.jar <command> [options]}: dispatches a command and turns every ending into an exit code. */
public final class LedgerCommandLine {

    static final String USAGE = """
            usage: gpu-ledger <command> [options]

            commands:
              run [--date=YYYY-MM-DD]        the nightly job for a report date (default: yesterday)
              report --date=D | --from=D1 --to=D2 | --month=YYYY-MM
                                             rebuild reports from the database alone
              simulate [--port=8089] ...     the simulated provider alone
              demo [--days=30] ...           the simulator and the real job for N nights
              query "SQL" | query --schema   one read-only statement on the snapshot database
              deliver --date=D [--again]     send the date's mail and alert now (retries a failed delivery)
              allocation check [--date=D]    the allocation rules against a date's instances
              environment                    the LEDGER_* variables as the jar reads them (for scripts/nightly.sh)

            --debug (anywhere) adds a failure's stack trace to its one line.
            'gpu-ledger <command> --help' describes a command. Configuration comes from environment variables and
            environment files (LEDGER_ENV_FILE, or /etc/gpu-ledger.env then ./.env); see README.md.
            """;

    private static final String DEBUG = "--debug";
    private static final Set<String> USES_DATABASE = Set.of("run", "report", "deliver", "query", "allocation");

    private final Map<String, String> processEnvironment;
    private final Path systemEnvironmentFile;
    private final Path workingDirectory;
    private final PrintStream out;
    private final PrintStream err;

    public LedgerCommandLine(Map<String, String> processEnvironment, Path systemEnvironmentFile, Path workingDirectory,
                      PrintStream out, PrintStream err) {
        this.processEnvironment = processEnvironment;
        this.systemEnvironmentFile = systemEnvironmentFile;
        this.workingDirectory = workingDirectory;
        this.out = out;
        this.err = err;
    }

    public static int execute(String[] args, Map<String, String> processEnvironment) {
        return new LedgerCommandLine(processEnvironment, EnvironmentFiles.SYSTEM_FILE, Path.of("").toAbsolutePath(),
                System.out, System.err).execute(args);
    }

    public int execute(String... arguments) {
        // --debug, anywhere: a failure's stack trace too, on stderr after its line
        boolean debug = Arrays.asList(arguments).contains(DEBUG);
        String[] args = Arrays.stream(arguments).filter(argument -> !argument.equals(DEBUG)).toArray(String[]::new);
        return execute(args, debug);
    }

    private int execute(String[] args, boolean debug) {
        if (args.length == 0) {
            err.print(USAGE);
            return ExitCode.USAGE.code();
        }
        String command = args[0];
        List<String> arguments = Arrays.asList(args).subList(1, args.length);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.print(USAGE);
            return ExitCode.OK.code();
        }
        String usage = usage(command);
        if (usage == null) {
            err.println("gpu-ledger: unknown command '" + command + "'");
            err.print(USAGE);
            return ExitCode.USAGE.code();
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            out.print(usage);
            return ExitCode.OK.code();
        }
        Map<String, String> environment = Map.of();
        try {
            environment = EnvironmentFiles.effective(processEnvironment, systemEnvironmentFile, workingDirectory);
            // before any database is opened: a misspelt name would otherwise leave its default in force
            ConfigurationNames.fromClasspath().check(environment);
            if (USES_DATABASE.contains(command)) {
                DatabaseDefault.refuseWithoutUrl(environment);
            }
            return switch (command) {
                case "run" -> RunCommand.execute(arguments, environment, workingDirectory);
                case "demo" -> DemoCommand.execute(arguments, environment, workingDirectory, out);
                case "simulate" -> SimulateCommand.execute(arguments, out);
                case "query" -> QueryCommand.execute(arguments, environment, workingDirectory, out, err);
                case "report" -> ReportCommand.execute(arguments, environment, workingDirectory);
                case "deliver" -> DeliverCommand.execute(arguments, environment, workingDirectory);
                case "allocation" -> AllocationCommand.execute(arguments, environment, workingDirectory, out);
                case "environment" -> EnvironmentCommand.execute(arguments, environment, out);
                default -> throw new IllegalStateException("no handler for " + command);
            };
        } catch (java.sql.SQLException e) {
            return fail(ExitCode.FAILED, "the database answered: " + e.getMessage().lines().findFirst().orElse(""), e, debug);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK.code();
        } catch (UsageException e) {
            return fail(ExitCode.USAGE, e.getMessage(), e, debug);
        } catch (LeaseHeldException e) {
            return fail(ExitCode.LEASE_HELD, e.getMessage(), e, debug);
        } catch (RuntimeException e) {
            String configuration = ConfigurationErrors.describe(e).orElse(null);
            if (configuration != null) {
                return fail(ExitCode.USAGE, configuration, e, debug);
            }
            String login = DatabaseDefault.refusedLogin(e, environment).orElse(null);
            if (login != null) {
                return fail(ExitCode.FAILED, login, e, debug);
            }
            if (exitCode(e) == ExitCode.USAGE) {
                return fail(ExitCode.USAGE, "configuration error: " + rootMessage(e), e, debug);
            }
            return fail(ExitCode.FAILED, "failed: " + rootMessage(e), e, debug);
        }
    }

    private int fail(ExitCode code, String line, Exception e, boolean debug) {
        err.println("gpu-ledger: " + line);
        if (debug) {
            e.printStackTrace(err);
        }
        return code.code();
    }

    /** The exit code a command that ended by this exception gets. */
    static ExitCode exitCode(RuntimeException e) {
        if (e instanceof LeaseHeldException) {
            return ExitCode.LEASE_HELD;
        }
        return causedBy(e, BindException.class) || causedBy(e, UsageException.class) ? ExitCode.USAGE : ExitCode.FAILED;
    }

    private static String usage(String command) {
        return switch (command) {
            case "run" -> RunCommand.USAGE;
            case "demo" -> DemoCommand.USAGE;
            case "simulate" -> SimulateCommand.USAGE;
            case "query" -> QueryCommand.USAGE;
            case "report" -> ReportCommand.USAGE;
            case "deliver" -> DeliverCommand.USAGE;
            case "allocation" -> AllocationCommand.USAGE;
            case "environment" -> EnvironmentCommand.USAGE;
            default -> null;
        };
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
