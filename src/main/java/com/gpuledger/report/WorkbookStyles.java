package com.gpuledger.report;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The cell styles and the page setup of a report workbook, created once per workbook (a workbook holds at most 64,000
 * styles, and a style per cell would also bloat the file). Money shows as currency to the cent and hours with 4
 * decimals: a display format only, the cell keeps the stored value (to a double's precision; the CSV is the record).
 */
final class WorkbookStyles {

    static final String CURRENCY_FORMAT = "$#,##0.00";

    static final String AMOUNT_FORMAT = "#,##0.0000";

    static final String INTEGER_FORMAT = "0";

    static final String DATE_FORMAT = "yyyy-mm-dd";

    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    final CellStyle header;
    final CellStyle title;
    final CellStyle section;
    final CellStyle totalLabel;
    /** Long text (a reason) wrapped in its cell instead of running across its neighbours. */
    final CellStyle wrapped;
    private final CellStyle text;
    private final CellStyle integer;
    private final CellStyle amount;
    private final CellStyle currency;
    private final CellStyle date;
    private final CellStyle dateTime;
    private final CellStyle totalInteger;
    private final CellStyle totalAmount;
    private final CellStyle totalCurrency;

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
        wrapped = workbook.createCellStyle();
        wrapped.setWrapText(true);
        wrapped.setVerticalAlignment(VerticalAlignment.TOP);
        integer = numeric(workbook, formats, INTEGER_FORMAT, null);
        amount = numeric(workbook, formats, AMOUNT_FORMAT, null);
        currency = numeric(workbook, formats, CURRENCY_FORMAT, null);
        date = numeric(workbook, formats, DATE_FORMAT, null);
        dateTime = numeric(workbook, formats, DATE_TIME_FORMAT, null);
        totalInteger = numeric(workbook, formats, INTEGER_FORMAT, bold);
        totalAmount = numeric(workbook, formats, AMOUNT_FORMAT, bold);
        totalCurrency = numeric(workbook, formats, CURRENCY_FORMAT, bold);
    }

    CellStyle of(ColumnKind kind) {
        return switch (kind) {
            case TEXT, FREE_TEXT -> text;
            case INTEGER -> integer;
            case MONEY, ESTIMATE -> currency;
            case HOURS, SHARE -> amount;
            case DATE -> date;
            case INSTANT -> dateTime;
        };
    }

    CellStyle total(ColumnKind kind) {
        return switch (kind) {
            case INTEGER -> totalInteger;
            case MONEY, ESTIMATE -> totalCurrency;
            default -> totalAmount;
        };
    }

    /**
     * A sheet that prints like a finance document: landscape, as many pages down as it takes but one page wide, and
     * the first {@code headerRows} rows repeated on every page (0: none).
     */
    static void pageSetup(Sheet sheet, int headerRows) {
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        if (headerRows > 0) {
            sheet.setRepeatingRows(new CellRangeAddress(0, headerRows - 1, -1, -1));
        }
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
