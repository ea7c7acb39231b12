package com.gpuledger.report;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.poi.xssf.model.SharedStringsTable;
import org.apache.poi.xssf.streaming.GZIPSheetDataWriter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A report workbook in two parts: the sheets with charts are built in memory with XSSF (small), then used as the
 * template of an {@link SXSSFWorkbook} that streams the table sheets with a window of {@value #ROW_WINDOW} rows.
 * The bytes are deterministic for the same input: no creation date is recorded (POI stamps "now" otherwise).
 */
final class ReportWorkbook implements AutoCloseable {

    static final int ROW_WINDOW = 100;

    final XSSFWorkbook template;
    final WorkbookStyles styles;
    private SXSSFWorkbook streaming;

    ReportWorkbook(String appVersion) {
        template = new XSSFWorkbook();
        template.getProperties().getCoreProperties().setCreated(Optional.empty());
        template.getProperties().getCoreProperties().setCreator("gpu-ledger " + appVersion);
        styles = new WorkbookStyles(template);
    }

    /** Switches to streaming: the sheets built so far are kept as they are; later sheets are streamed. */
    SXSSFWorkbook streaming() {
        if (streaming == null) {
            // temp files compressed: 100,000 instance rows would otherwise take ~100 MB of the temp folder
            streaming = new SXSSFWorkbook(template, ROW_WINDOW, true) {
                @Override
                protected SheetDataWriter createSheetDataWriter() throws IOException {
                    return new FastTempFile(getSharedStringSource());
                }
            };
        }
        return streaming;
    }

    /** Writes a whole table onto a new sheet; returns its data rows. */
    <T> long table(String name, List<ReportColumn<T>> columns, List<T> rows, boolean totals) throws IOException {
        SheetTable<T> table = table(name, columns);
        try {
            rows.forEach(table::add);
        } catch (UncheckedIOException e) {
            // SXSSF flushing a full window to its temp file
            throw e.getCause();
        }
        return table.finish(totals);
    }

    /** A table another feature contributed, on a sheet of its own; returns its data rows. */
    <T> long table(ReportTable<T> table) throws IOException {
        return table(table.sheetName(), table.columns(), table.rows(), table.totals());
    }

    /** A new streamed sheet with its header, for rows added as they come; the caller finishes it. */
    <T> SheetTable<T> table(String name, List<ReportColumn<T>> columns) {
        return new SheetTable<>(streaming().createSheet(name), columns, styles);
    }

    void write(OutputStream out) throws IOException {
        streaming().write(out);
    }

    /**
     * A sheet's temp file, compressed at the fastest level through large buffers: it is read back once, to be
     * compressed again into the workbook, so POI's default level only spends time on a file nobody keeps (the
     * sheets' XML still shrinks about sevenfold). Text POI would write unchanged is written in one piece.
     */
    private static final class FastTempFile extends GZIPSheetDataWriter {

        private static final int BUFFER_BYTES = 64 * 1024;

        FastTempFile(SharedStringsTable sharedStrings) throws IOException {
            super(sharedStrings);
        }

        @Override
        protected OutputStream decorateOutputStream(FileOutputStream file) throws IOException {
            return new GZIPOutputStream(file, BUFFER_BYTES) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }

        @Override
        protected InputStream decorateInputStream(FileInputStream file) throws IOException {
            return new GZIPInputStream(file, BUFFER_BYTES);
        }

        /**
         * POI writes a text cell one code point at a time (an iterator, an array and a synchronized write each), most
         * of the Instances sheet's time; a text it would copy unchanged is written at once, the same characters.
         * Whatever it escapes or replaces stays its business.
         */
        @Override
        protected void outputEscapedString(String text) throws IOException {
            if (text != null && copiedUnchanged(text)) {
                _out.write(text);
            } else {
                super.outputEscapedString(text);
            }
        }

        /** No character POI escapes ({@code < > & " \t \n \r} U+00A0), replaces (controls, U+FFFE, U+FFFF) or pairs. */
        private static boolean copiedUnchanged(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < ' ' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\u00a0' || c >= '\ufffe'
                        || Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Closes both parts; closing the streaming workbook removes its temp files. */
    @Override
    public void close() throws IOException {
        try {
            if (streaming != null) {
                streaming.close();
            }
        } finally {
            template.close();
        }
    }
}
