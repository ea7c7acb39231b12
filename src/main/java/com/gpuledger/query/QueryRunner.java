package com.gpuledger.query;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import java.util.Locale;

import org.postgresql.core.Parser;

import com.gpuledger.run.UsageException;
import com.opencsv.CSVWriter;
import com.opencsv.CSVWriterBuilder;

/**
 * Runs one checked statement on a connection {@link QueryDatabase} opened, in a read-only transaction that is always
 * rolled back, cancelled after the timeout. On PostgreSQL the session is read-only too and the driver's own split
 * must find one statement, so what the server receives is what was checked.
 */
public final class QueryRunner {

    public enum Format {
        TABLE, CSV
    }

    private final Connection connection;
    private final QuerySettings settings;

    public QueryRunner(Connection connection, QuerySettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    public void run(String sql, Format format, PrintStream out) throws SQLException {
        ReadOnlyStatement.Checked statement = ReadOnlyStatement.check(sql);
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        if (postgres && statementsTheDriverSends(statement.sql()) != 1) {
            throw ReadOnlyStatement.refused("the PostgreSQL driver reads more than one statement in it");
        }
        try {
            if (postgres) {
                try (Statement session = connection.createStatement()) {
                    session.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                    session.execute("SET statement_timeout = " + settings.timeout().toMillis());
                }
            }
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement jdbc = connection.prepareStatement(statement.sql())) {
                jdbc.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, settings.timeout().toSeconds())));
                if (format == Format.TABLE) {
                    jdbc.setMaxRows(settings.maxRows() + 1);
                } else {
                    jdbc.setFetchSize(1000);
                }
                if (jdbc.execute()) {
                    try (ResultSet rows = jdbc.getResultSet()) {
                        print(rows, statement, format, out);
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            if (QueryErrors.isTimeout(e)) {
                throw new SQLException("the query ran longer than LEDGER_QUERY_TIMEOUT (" + settings.timeout().toSeconds()
                        + " s) and was cancelled", "57014", e);
            }
            if (QueryErrors.isTakenOver(e)) {
                throw new SQLException("the database was closed under this query: the nightly run took it over (a run owns "
                        + "the H2 file it works on; queries during a run are its clients), or the process serving it ended; "
                        + "run the query again", "08006", e);
            }
            if (QueryErrors.isTheQuerys(e)) {
                throw new UsageException("the database refused the query: " + QueryErrors.wholeMessage(e));
            }
            throw e;
        }
    }

    /**
     * The pieces pgjdbc splits the text into, less those that are only comments ({@code SELECT 1; -- why}). Comments
     * are stripped without nesting, so a nested one leaves text behind and counts: the count errs towards refusing.
     */
    private static long statementsTheDriverSends(String sql) throws SQLException {
        return Parser.parseJdbcSql(sql, true, false, true, false, false).stream()
                .map(piece -> piece.nativeSql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " "))
                .filter(piece -> !piece.isBlank())
                .count();
    }

    /** Every table and view of the ledger's schema with its columns. */
    public void schema(PrintStream out) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        List<String[]> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[]{"TABLE", "VIEW"})) {
            while (rs.next()) {
                tables.add(new String[]{rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE")});
            }
        }
        tables.sort((a, b) -> a[0].compareToIgnoreCase(b[0]));
        for (String[] table : tables) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schema, table[0], "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
                }
            }
            out.println((table[1].toUpperCase().contains("VIEW") ? "view  " : "table ") + table[0] + " ("
                    + String.join(", ", columns) + ")");
        }
    }

    private void print(ResultSet rows, ReadOnlyStatement.Checked statement, Format format, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        String[] header = new String[meta.getColumnCount()];
        boolean expressionsFit = statement.expressions().size() == header.length;
        for (int i = 0; i < header.length; i++) {
            String expression = expressionsFit ? statement.expression(i) : null;
            header[i] = expression != null ? expression : meta.getColumnLabel(i + 1);
        }
        if (format == Format.CSV) {
            PrintWriter writer = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            CSVWriter csv = (CSVWriter) new CSVWriterBuilder(writer).withLineEnd("\r\n").build();
            csv.writeNext(header, false);
            while (rows.next()) {
                csv.writeNext(values(rows, header.length), false);
            }
            writer.flush();
            return;
        }
        List<String[]> lines = new ArrayList<>();
        boolean cut = false;
        while (rows.next()) {
            if (lines.size() == settings.maxRows()) {
                cut = true;
                break;
            }
            lines.add(values(rows, header.length));
        }
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] line : lines) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        out.println(row(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(width));
        }
        out.println(rule);
        for (String[] line : lines) {
            out.println(row(line, widths));
        }
        if (cut) {
            out.println("(the first " + lines.size() + " rows; there are more: LEDGER_QUERY_MAX_ROWS=" + settings.maxRows()
                    + " limits the table, --format=csv prints every row)");
        } else {
            out.println("(" + lines.size() + (lines.size() == 1 ? " row)" : " rows)"));
        }
    }

    private static String[] values(ResultSet rows, int count) throws SQLException {
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            Object value = rows.getObject(i + 1);
            values[i] = value == null ? "" : text(value);
        }
        return values;
    }

    /** Exact numbers, instants in UTC. */
    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        return value.toString();
    }

    private static String row(String[] values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", values[i]));
        }
        return line.toString().stripTrailing();
    }
}
