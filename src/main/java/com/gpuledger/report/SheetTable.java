package com.gpuledger.report;

import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Writes one table onto a sheet, row by row (the sheet may be streamed): a frozen header with an auto-filter, cells typed
 * by their column, and optionally a totals row of BigDecimal sums written as values, never formulas. Column widths are
 * computed from the text length, because {@code autoSizeColumn} needs fonts that servers lack.
 */
final class SheetTable<T> {

    static final String TOTAL_LABEL = "Total";

    /** The widest a column is made, in characters: an xlsx column holds at most 255. */
    static final int MAX_WIDTH_CHARS = 60;

    private final Sheet sheet;
    private final List<ReportColumn<T>> columns;
    private final WorkbookStyles styles;
    private final int[] widths;
    private final BigDecimal[] sums;
    private final boolean[] anyValue;
    private int nextRow;
    private long rows;

    SheetTable(Sheet sheet, List<ReportColumn<T>> columns, WorkbookStyles styles) {
        this.sheet = sheet;
        this.columns = columns;
        this.styles = styles;
        this.widths = new int[columns.size()];
        this.sums = new BigDecimal[columns.size()];
        this.anyValue = new boolean[columns.size()];
        Row header = sheet.createRow(nextRow++);
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).sheetHeader();
            SheetCells.text(header, i, name, styles.header);
            widths[i] = name.length();
            sums[i] = BigDecimal.ZERO;
        }
    }

    void add(T item) {
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < columns.size(); i++) {
            ReportColumn<T> column = columns.get(i);
            Object value = column.valueOf(item);
            SheetCells.put(row, i, column.kind(), value, styles);
            widths[i] = Math.max(widths[i], SheetCells.displayLength(column.kind(), value));
            if (column.summed() && value != null) {
                sums[i] = sums[i].add(value instanceof BigDecimal amount ? amount : BigDecimal.valueOf(((Number) value).longValue()));
                anyValue[i] = true;
            }
        }
        rows++;
    }

    /**
     * Ends the table: the totals row (if asked) below the filtered range, then the frozen header, filter and widths.
     * A totalled column whose every row is empty (every cost unknown) has an empty total too; with no rows it is 0.
     *
     * @return the data rows written (header and totals excluded)
     */
    long finish(boolean totals) {
        int lastDataRow = nextRow - 1;
        if (totals) {
            Row row = sheet.createRow(nextRow++);
            SheetCells.text(row, 0, TOTAL_LABEL, styles.totalLabel);
            for (int i = 0; i < columns.size(); i++) {
                ReportColumn<T> column = columns.get(i);
                if (column.summed() && (anyValue[i] || rows == 0)) {
                    row.createCell(i).setCellValue(sums[i].doubleValue());
                    row.getCell(i).setCellStyle(styles.total(column.kind()));
                    widths[i] = Math.max(widths[i], SheetCells.displayLength(column.kind(), sums[i]));
                }
            }
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, lastDataRow, 0, columns.size() - 1));
        WorkbookStyles.pageSetup(sheet, 1);
        for (int i = 0; i < columns.size(); i++) {
            sheet.setColumnWidth(i, (Math.min(widths[i], MAX_WIDTH_CHARS) + 2) * 256);
        }
        return rows;
    }
}
