package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

/** Writes one CSV report: UTF-8 without BOM, RFC 4180 (CRLF, fields quoted when needed, quotes doubled), header first. */
public final class CsvTable {

    private CsvTable() {
    }

    /**
     * Writes the header and every row the source yields that {@code include} accepts, every text column neutralised;
     * returns the data rows written.
     */
    static <T> long write(OutputStream out, List<ReportColumn<T>> columns, RowSource<T> rows,
            Predicate<? super T> include) throws IOException {
        RowSource<T> included = action -> rows.forEach(row -> {
            if (include.test(row)) {
                action.accept(row);
            }
        });
        return write(out, columns.stream().map(ReportColumn::name).toList(), included, row -> {
            String[] line = new String[columns.size()];
            for (int i = 0; i < line.length; i++) {
                line[i] = columns.get(i).csv(row);
            }
            return line;
        });
    }

    /**
     * Writes the header and a line for every row the source yields, each field as given (null as an empty field);
     * returns the data rows written. The FOCUS file uses it with its own text rule.
     */
    public static <T> long write(OutputStream out, List<String> header, RowSource<T> rows,
            Function<? super T, String[]> line) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        ICSVWriter csv = new CSVWriterBuilder(text).withLineEnd(ICSVWriter.RFC4180_LINE_END).build();
        writeLine(csv, header.toArray(String[]::new));
        long[] count = {0};
        try {
            rows.forEach(row -> {
                writeLine(csv, line.apply(row));
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        // not closed: the caller owns the stream (and closing forces it to the device)
        csv.flush();
        failOnError(csv);
        return count[0];
    }

    static <T> long write(OutputStream out, List<ReportColumn<T>> columns, List<T> rows) throws IOException {
        RowSource<T> source = action -> rows.forEach(action);
        return write(out, columns, source, row -> true);
    }

    /** OpenCSV keeps a write error to itself; it is checked after every line so a full disk stops the file at once. */
    private static void writeLine(ICSVWriter csv, String[] line) {
        csv.writeNext(line, false);
        try {
            failOnError(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void failOnError(ICSVWriter csv) throws IOException {
        IOException error = csv.getException();
        if (error != null) {
            throw error;
        }
    }
}
