package com.gpuledger.report;

import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.openxmlformats.schemas.drawingml.x2006.chart.STDispBlanksAs;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Cost charts, their value axis in currency, on a fully built (non-streamed) sheet. SXSSF's drawing cannot create charts, so the sheets that carry one are
 * built with XSSF as the template of the streaming workbook. Each series refers to a table on the sheet, and carries
 * the values as its cache, so the chart shows before any recalculation.
 */
final class SheetCharts {

    /** Where a chart sits: columns and rows of its top-left and bottom-right corners. */
    record Place(int firstColumn, int firstRow, int lastColumn, int lastRow) {
    }

    /** A series: category labels and values (null = no point), and the table cells they come from. */
    record Series(String title, List<String> categories, CellRangeAddress categoryCells, List<Double> values,
            CellRangeAddress valueCells) {
    }

    /** The value axis of a cost chart reads as money, in whole dollars (its ticks are round numbers). */
    static final String CURRENCY_AXIS_FORMAT = "$#,##0";

    private static final XDDFSolidFillProperties SERIES_FILL = new XDDFSolidFillProperties(XDDFColor.from(PresetColor.STEEL_BLUE));

    /** The fills of a clustered chart's series, in order; the first is the single-series fill. */
    private static final List<PresetColor> SERIES_COLORS = List.of(PresetColor.STEEL_BLUE, PresetColor.DARK_ORANGE,
            PresetColor.DIM_GRAY, PresetColor.SEA_GREEN);

    private SheetCharts() {
    }

    static void bar(XSSFSheet sheet, Place place, String title, String valueAxisTitle, Series series) {
        bars(sheet, place, title, valueAxisTitle, List.of(series));
    }

    /** A clustered column chart: for each category one bar per series, side by side. */
    static void bars(XSSFSheet sheet, Place place, String title, String valueAxisTitle, List<Series> series) {
        XSSFChart chart = chart(sheet, place, title);
        XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
        values.setTitle(valueAxisTitle);
        values.setNumberFormat(CURRENCY_AXIS_FORMAT);
        values.setCrosses(AxisCrosses.AUTO_ZERO);
        values.setCrossBetween(AxisCrossBetween.BETWEEN);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, values);
        data.setBarDirection(BarDirection.COL);
        data.setVaryColors(false);
        for (int i = 0; i < series.size(); i++) {
            // without explicit shape properties some readers (LibreOffice) draw the bars without fill
            addSeries(sheet, data, series.get(i)).setFillProperties(
                    new XDDFSolidFillProperties(XDDFColor.from(SERIES_COLORS.get(i % SERIES_COLORS.size()))));
        }
        chart.plot(data);
    }

    static void line(XSSFSheet sheet, Place place, String title, String valueAxisTitle, Series series) {
        XSSFChart chart = chart(sheet, place, title);
        XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
        values.setTitle(valueAxisTitle);
        values.setNumberFormat(CURRENCY_AXIS_FORMAT);
        XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, categories, values);
        data.setVaryColors(false);
        XDDFLineChartData.Series line = (XDDFLineChartData.Series) addSeries(sheet, data, series);
        line.setMarkerStyle(MarkerStyle.CIRCLE);
        line.setSmooth(false);
        // without explicit line properties some readers (LibreOffice) draw the markers only
        XDDFLineProperties stroke = new XDDFLineProperties(SERIES_FILL);
        stroke.setWidth(2.0);
        line.setLineProperties(stroke);
        chart.plot(data);
    }

    private static XSSFChart chart(XSSFSheet sheet, Place place, String title) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0,
                place.firstColumn(), place.firstRow(), place.lastColumn(), place.lastRow()));
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        // an empty cell (an unknown) is a gap: without this element readers may take it as 0
        chart.getCTChart().addNewDispBlanksAs().setVal(STDispBlanksAs.GAP);
        return chart;
    }

    private static XDDFChartData.Series addSeries(XSSFSheet sheet, XDDFChartData data, Series series) {
        XDDFDataSource<String> categories = XDDFDataSourcesFactory.fromArray(
                series.categories().stream().map(SheetCells::fitting).toArray(String[]::new),
                series.categoryCells().formatAsString(sheet.getSheetName(), true));
        XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromArray(
                series.values().toArray(Double[]::new), series.valueCells().formatAsString(sheet.getSheetName(), true));
        XDDFChartData.Series added = data.addSeries(categories, values);
        added.setTitle(series.title(), null);
        return added;
    }
}
