package com.gpuledger.query;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.opencsv.CSVWriter;
import com.opencsv.CSVWriterBuilder;

/** Runs one checked statement in a transaction that is always rolled back, read-only where the database enforces it. */
public final class QueryRunner {

    public enum Format {
        TABLE, CSV
    }

    private final DataSource dataSource;

    public QueryRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void run(String sql, Format format, PrintStream out) throws SQLException {
        String statement = ReadOnlyStatement.check(sql);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement jdbc = connection.createStatement()) {
                if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                    jdbc.execute("SET TRANSACTION READ ONLY");
                }
                if (jdbc.execute(statement)) {
                    try (ResultSet rows = jdbc.getResultSet()) {
                        print(rows, format, out);
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /** Every table and view of the ledger's schema with its columns. */
    public void schema(PrintStream out) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
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
    }

    private static void print(ResultSet rows, Format format, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        String[] header = new String[meta.getColumnCount()];
        for (int i = 0; i < header.length; i++) {
            header[i] = meta.getColumnLabel(i + 1);
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
        while (rows.next()) {
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
        out.println("(" + lines.size() + (lines.size() == 1 ? " row)" : " rows)"));
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
