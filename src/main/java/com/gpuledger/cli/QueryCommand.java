package com.gpuledger.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.context.ConfigurableApplicationContext;

import com.gpuledger.query.QueryRunner;
import com.gpuledger.query.ReadOnlyStatement;
import com.gpuledger.run.UsageException;

/** {@code query "SQL" [--format=table|csv]} and {@code query --schema}: read-only access for analysts. */
final class QueryCommand {

    static final String USAGE = """
            usage: gpu-ledger query "SQL" [--format=table|csv]
                   gpu-ledger query --schema

            Runs exactly one read-only statement (beginning with SELECT, WITH, VALUES, TABLE or EXPLAIN; comments
            are stripped) on the snapshot database, in a transaction that is always rolled back (and READ ONLY on
            PostgreSQL). Anything else exits 64. Works while a nightly run holds the database.
            --schema lists the tables and views with their columns.
            """;

    private QueryCommand() {
    }

    static int execute(List<String> arguments, Map<String, String> environment, Path workingDirectory, PrintStream out)
            throws SQLException {
        CommandOptions options = new CommandOptions("query", arguments, Set.of("format", "schema"));
        boolean schema = options.has("schema");
        if (schema == !options.positional().isEmpty() || options.positional().size() > 1) {
            throw new UsageException("query takes one SQL statement in quotes, or --schema (see query --help)");
        }
        String sql = schema ? null : ReadOnlyStatement.check(options.positional().get(0));
        QueryRunner.Format format = switch (options.text("format", "table")) {
            case "table" -> QueryRunner.Format.TABLE;
            case "csv" -> QueryRunner.Format.CSV;
            default -> throw new UsageException("--format is table or csv");
        };
        // reading must not migrate or initialise anything, nor let H2 create an empty database on connect
        Map<String, Object> readOnly = new HashMap<>(Map.of("spring.flyway.enabled", "false",
                "spring.batch.jdbc.initialize-schema", "never", "logging.level.com.gpuledger", "WARN"));
        String url = environment.get("SPRING_DATASOURCE_URL");
        if (url == null) {
            Path h2File = LedgerContext.home(environment, workingDirectory).resolve("data/ledger.mv.db");
            if (!Files.exists(h2File)) {
                throw new UsageException("no database at " + h2File + ": run the nightly job first, or set SPRING_DATASOURCE_URL");
            }
        } else if (url.startsWith("jdbc:h2:") && !url.toUpperCase().contains("IFEXISTS")) {
            readOnly.put("spring.datasource.url", url + ";IFEXISTS=TRUE");
        }
        try (ConfigurableApplicationContext context = LedgerContext.start(environment, workingDirectory, readOnly, null)) {
            QueryRunner runner = new QueryRunner(context.getBean(DataSource.class));
            if (schema) {
                runner.schema(out);
            } else {
                runner.run(sql, format, out);
            }
        }
        return 0;
    }
}
