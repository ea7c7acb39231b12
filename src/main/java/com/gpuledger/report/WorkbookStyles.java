package com.gpuledger.report;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cell styles of a report workbook, created once per workbook (a workbook holds at most 64,000 styles, and a style
 * per cell would also bloat the file). Amounts show 4 decimals; the cell keeps the stored value.
 */
final class WorkbookStyles {

    static final String AMOUNT_FORMAT = "#,##0.0000";

    static final String INTEGER_FORMAT = "0";

    static final String DATE_FORMAT = "yyyy-mm-dd";

    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    final CellStyle header;
    final CellStyle title;
    final CellStyle section;
    final CellStyle totalLabel;
    private final CellStyle text;
    private final CellStyle integer;
    private final CellStyle amount;
    private final CellStyle date;
    private final CellStyle dateTime;
    private final CellStyle totalInteger;
    private final CellStyle totalAmount;

    WorkbookStyles(Workbook workbook) {
        DataFormat formats = workbook.createDataFormat();
        Font bold = workbook.createFont();
        bold.setBold(true);
        Font large = workbook.createFont();
        large.setBold(true);
        large.setFontHeightInPoints((short) 14);

        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        title = workbook.createCellStyle();
        title.setFont(large);
        section = workbook.createCellStyle();
        section.setFont(bold);
        totalLabel = section;
        text = workbook.createCellStyle();
        integer = numeric(workbook, formats, INTEGER_FORMAT, null);
        amount = numeric(workbook, formats, AMOUNT_FORMAT, null);
        date = numeric(workbook, formats, DATE_FORMAT, null);
        dateTime = numeric(workbook, formats, DATE_TIME_FORMAT, null);
        totalInteger = numeric(workbook, formats, INTEGER_FORMAT, bold);
        totalAmount = numeric(workbook, formats, AMOUNT_FORMAT, bold);
    }

    CellStyle of(ColumnKind kind) {
        return switch (kind) {
            case TEXT, FREE_TEXT -> text;
            case INTEGER -> integer;
            case MONEY, HOURS, ESTIMATE -> amount;
            case DATE -> date;
            case INSTANT -> dateTime;
        };
    }

    CellStyle total(ColumnKind kind) {
        return kind == ColumnKind.INTEGER ? totalInteger : totalAmount;
    }

    private static CellStyle numeric(Workbook workbook, DataFormat formats, String format, Font font) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(formats.getFormat(format));
        if (font != null) {
            style.setFont(font);
        }
        return style;
    }
}
