package com.gpuledger.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;

/**
 * Writes one value into a cell by its column kind. Text always becomes a string cell (POI's {@code setCellValue(String)}
 * never makes a formula, so {@code =HYPERLINK(...)} stays inert text); numbers and dates become numeric cells.
 */
final class SheetCells {

    private SheetCells() {
    }

    /** Writes the value; a null value leaves no cell at all, so an unknown cost reads as an empty cell, never 0. */
    static void put(Row row, int column, ColumnKind kind, Object value, WorkbookStyles styles) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellStyle(styles.of(kind));
        switch (kind) {
            case TEXT, FREE_TEXT -> cell.setCellValue(fitting(value.toString()));
            case INTEGER -> cell.setCellValue(((Number) value).doubleValue());
            // xlsx numbers are doubles: the cell holds the nearest double, the CSV is the exact record
            case MONEY, HOURS, ESTIMATE, SHARE -> cell.setCellValue(((BigDecimal) value).doubleValue());
            case DATE -> cell.setCellValue((LocalDate) value);
            case INSTANT -> cell.setCellValue(LocalDateTime.ofInstant(ReportValues.toSeconds((Instant) value), ZoneOffset.UTC));
        }
    }

    static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(fitting(value));
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /**
     * Text cut to what a cell holds (32,767 characters), marked with an ellipsis: a provider's absurdly long name is a
     * display problem, never a reason to lose the workbook. The CSVs keep the whole value.
     */
    static String fitting(String text) {
        int max = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "\u2026";
    }

    /** The width in characters the value takes once formatted, for column widths computed without fonts. */
    static int displayLength(ColumnKind kind, Object value) {
        if (value == null) {
            return 0;
        }
        return switch (kind) {
            case TEXT, FREE_TEXT, INTEGER -> value.toString().length();
            // currency shows "$", 2 decimals and a thousands separator; hours 4 decimals and the separator
            case MONEY, ESTIMATE -> numberLength((BigDecimal) value, 2) + 1;
            case HOURS, SHARE -> numberLength((BigDecimal) value, 4);
            case DATE -> 10;
            case INSTANT -> 19;
        };
    }

    private static int numberLength(BigDecimal value, int decimals) {
        BigDecimal shown = value.setScale(decimals, RoundingMode.HALF_UP);
        int integerDigits = Math.max(1, shown.precision() - shown.scale());
        return integerDigits + (integerDigits - 1) / 3 + 1 + decimals + (shown.signum() < 0 ? 1 : 0);
    }
}
