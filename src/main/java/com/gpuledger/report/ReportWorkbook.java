package com.gpuledger.report;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
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

        /** POI's writer is a BufferedWriter over an OutputStreamWriter: locked on every one of a cell's many writes. */
        @Override
        public Writer createWriter(File file) throws IOException {
            FileOutputStream out = new FileOutputStream(file);
            try {
                return new Utf8Writer(decorateOutputStream(out));
            } catch (IOException | RuntimeException e) {
                out.close();
                throw e;
            }
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

    /**
     * UTF-8 through a byte buffer, without locks (one thread writes a sheet's temp file). A surrogate without its other
     * half becomes '?', as the JDK's encoder makes it.
     */
    private static final class Utf8Writer extends Writer {

        private final OutputStream out;
        private final byte[] buffer = new byte[FastTempFile.BUFFER_BYTES];
        private int used;
        /** A high surrogate waiting for its low half, or 0. */
        private char high;

        Utf8Writer(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int c) throws IOException {
            put((char) c);
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                put(chars[i]);
            }
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                put(text.charAt(i));
            }
        }

        private void put(char c) throws IOException {
            if (used + 4 > buffer.length) {
                drain();
            }
            if (high != 0) {
                char first = high;
                high = 0;
                if (Character.isLowSurrogate(c)) {
                    int codePoint = Character.toCodePoint(first, c);
                    buffer[used++] = (byte) (0xF0 | codePoint >> 18);
                    buffer[used++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                    buffer[used++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                    buffer[used++] = (byte) (0x80 | codePoint & 0x3F);
                    return;
                }
                buffer[used++] = '?';
                put(c);
                return;
            }
            if (c < 0x80) {
                buffer[used++] = (byte) c;
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xC0 | c >> 6);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                high = c;
            } else if (Character.isLowSurrogate(c)) {
                buffer[used++] = '?';
            } else {
                buffer[used++] = (byte) (0xE0 | c >> 12);
                buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            }
        }

        private void drain() throws IOException {
            out.write(buffer, 0, used);
            used = 0;
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try (out) {
                if (high != 0) {
                    high = 0;
                    put('?');
                }
                drain();
            }
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
