package com.gpuledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.gpuledger.query.QueryDatabase;
import com.gpuledger.query.QueryRunner;
import com.gpuledger.query.QuerySettings;
import com.gpuledger.query.ReadOnlyStatement;
import com.gpuledger.run.UsageException;

/**
 * {@code query "SQL" [--format=table|csv] [--as-owner]} and {@code query --schema}: read-only access for analysts.
 * Starts no Spring context, no Flyway, no job: configuration is read from the environment, then plain JDBC.
 */
final class QueryCommand {

    static final String USAGE = """
            usage: gpu-ledger query "SQL" [--format=table|csv] [--as-owner]
                   gpu-ledger query --schema

            Runs exactly one read-only statement (SELECT, WITH, VALUES, TABLE or EXPLAIN, decided by an SQL parser)
            on the snapshot database as a user that may only read: on H2 the reader the migrations create, on
            PostgreSQL LEDGER_QUERY_USERNAME / LEDGER_QUERY_PASSWORD. The transaction is read-only and rolled back,
            cancelled after LEDGER_QUERY_TIMEOUT (default 60s); the table format prints at most LEDGER_QUERY_MAX_ROWS
            rows (default 1000; csv prints all). Anything else, or a statement the database refuses, exits 64.
            Works while a nightly run holds the database.
            --schema    lists the tables and views with their columns
            --as-owner  reads as the job's own login (says so on stderr): the database then stops no write
            """;

    private QueryCommand() {
    }

    static int execute(List<String> arguments, Map<String, String> environment, Path workingDirectory, PrintStream out,
                       PrintStream err) throws SQLException {
        CommandOptions options = new CommandOptions("query", arguments, Set.of("format", "schema", "as-owner"));
        boolean schema = options.has("schema");
        if (schema == !options.positional().isEmpty() || options.positional().size() > 1) {
            throw new UsageException("query takes one SQL statement in quotes, or --schema (see query --help)");
        }
        QueryRunner.Format format = switch (options.text("format", "table")) {
            case "table" -> QueryRunner.Format.TABLE;
            case "csv" -> QueryRunner.Format.CSV;
            default -> throw new UsageException("--format is table or csv");
        };
        String sql = schema ? null : options.positional().get(0);
        if (sql != null) {
            ReadOnlyStatement.check(sql); // refused before any connection is opened
        }
        QuerySettings settings = QuerySettings.from(environment, LedgerContext.home(environment, workingDirectory));
        try (Connection connection = QueryDatabase.connect(settings, options.has("as-owner"), err)) {
            QueryRunner runner = new QueryRunner(connection, settings);
            if (schema) {
                runner.schema(out);
            } else {
                runner.run(sql, format, out);
            }
        }
        return 0;
    }
}
