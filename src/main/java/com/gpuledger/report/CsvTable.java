package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

/**
 * Writes one CSV report: UTF-8 without BOM, RFC 4180 (CRLF, fields quoted when needed, quotes doubled), header first,
 * then a line for every row it is given.
 */
public final class CsvTable<T> implements RowWriter<T> {

    private final ICSVWriter csv;
    private final Function<? super T, String[]> line;
    private long rows;

    /**
     * Writes the header at once; every row then becomes a line of fields as given (null as an empty field). The FOCUS
     * file uses it with its own text rule.
     */
    public CsvTable(OutputStream out, List<String> header, Function<? super T, String[]> line) throws IOException {
        this.csv = new CSVWriterBuilder(new OutputStreamWriter(out, StandardCharsets.UTF_8))
                .withLineEnd(ICSVWriter.RFC4180_LINE_END).build();
        this.line = line;
        writeLine(header.toArray(String[]::new));
    }

    /** A table of the given columns, every text column neutralised. */
    static <T> CsvTable<T> of(OutputStream out, List<ReportColumn<T>> columns) throws IOException {
        return new CsvTable<>(out, columns.stream().map(ReportColumn::name).toList(), row -> {
            String[] fields = new String[columns.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = columns.get(i).csv(row);
            }
            return fields;
        });
    }

    /** Writes the header and every row; returns the data rows written. */
    static <T> long write(OutputStream out, List<ReportColumn<T>> columns, List<T> rows) throws IOException {
        CsvTable<T> table = of(out, columns);
        for (T row : rows) {
            table.add(row);
        }
        return table.finish();
    }

    @Override
    public void add(T row) throws IOException {
        writeLine(line.apply(row));
        rows++;
    }

    /** Flushes the lines; the stream is not closed: its owner closes it (and closing forces it to the device). */
    @Override
    public long finish() throws IOException {
        csv.flush();
        failOnError();
        return rows;
    }

    /** OpenCSV keeps a write error to itself; it is checked after every line so a full disk stops the file at once. */
    private void writeLine(String[] fields) throws IOException {
        csv.writeNext(fields, false);
        failOnError();
    }

    private void failOnError() throws IOException {
        IOException error = csv.getException();
        if (error != null) {
            throw error;
        }
    }
}
