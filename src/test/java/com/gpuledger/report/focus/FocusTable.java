package com.gpuledger.report.focus;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

/**
 * A FOCUS file as the validator reads it: the header and the rows, an empty field being null (CSV has no other
 * spelling of null). Copies can be changed, to plant a violation.
 */
public record FocusTable(List<String> header, List<Map<String, String>> rows) {

    public static FocusTable read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(reader).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            List<String[]> lines = csv.readAll();
            List<String> header = List.of(lines.get(0));
            List<Map<String, String>> rows = new ArrayList<>();
            for (String[] line : lines.subList(1, lines.size())) {
                if (line.length != header.size()) {
                    throw new IOException(file + ": a row has " + line.length + " fields, the header " + header.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < line.length; i++) {
                    row.put(header.get(i), line[i].isEmpty() ? null : line[i]);
                }
                rows.add(row);
            }
            return new FocusTable(header, rows);
        } catch (CsvException e) {
            throw new IOException(file + ": not RFC 4180 CSV", e);
        }
    }

    /** A copy whose first row is changed by {@code change}. */
    public FocusTable withFirstRow(Consumer<Map<String, String>> change) {
        List<Map<String, String>> copy = copyRows();
        change.accept(copy.get(0));
        return new FocusTable(header, copy);
    }

    /** A copy with a second row like the first, changed by {@code change}: for the rules across rows. */
    public FocusTable withExtraRow(Consumer<Map<String, String>> change) {
        List<Map<String, String>> copy = copyRows();
        Map<String, String> extra = new LinkedHashMap<>(copy.get(0));
        change.accept(extra);
        copy.add(extra);
        return new FocusTable(header, copy);
    }

    public FocusTable withoutColumn(String column) {
        List<String> fewer = header.stream().filter(name -> !name.equals(column)).toList();
        List<Map<String, String>> copy = copyRows();
        copy.forEach(row -> row.remove(column));
        return new FocusTable(fewer, copy);
    }

    public FocusTable withColumn(String column, String value) {
        List<String> more = new ArrayList<>(header);
        more.add(column);
        List<Map<String, String>> copy = copyRows();
        copy.forEach(row -> row.put(column, value));
        return new FocusTable(List.copyOf(more), copy);
    }

    private List<Map<String, String>> copyRows() {
        List<Map<String, String>> copy = new ArrayList<>();
        rows.forEach(row -> copy.add(new LinkedHashMap<>(row)));
        return copy;
    }
}
