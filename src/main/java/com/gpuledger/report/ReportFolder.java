package com.gpuledger.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the files of one (temporary) report folder, each hashed while written and forced to the device when closed.
 * A failure names the file it happened in.
 */
final class ReportFolder {

    /** The content of one file; returns the data rows written. */
    @FunctionalInterface
    interface Content {
        long writeTo(OutputStream out) throws IOException;
    }

    /** How a file fed row by row begins on its stream (e.g. writes its header). */
    @FunctionalInterface
    interface Opener<T> {
        RowWriter<T> open(OutputStream out) throws IOException;
    }

    /** One of the files a pass over rows feeds. */
    record RowFile<T>(String name, Opener<T> opener) {
    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path directory;
    private final ReportStorage storage;

    ReportFolder(Path directory, ReportStorage storage) {
        this.directory = directory;
        this.storage = storage;
    }

    PublishedFile write(String name, Content content) throws IOException {
        Path file = directory.resolve(name);
        MessageDigest sha256 = sha256();
        long rows;
        try (OutputStream out = create(file, sha256)) {
            rows = content.writeTo(out);
        } catch (UncheckedIOException e) {
            throw failed(file, e.getCause());
        } catch (IOException e) {
            throw failed(file, e);
        }
        return new PublishedFile(name, rows, HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * Writes the files together from one pass over the rows: all of them are opened, each row is handed to each file
     * in turn, then each is finished and closed. Every file is closed in any case.
     *
     * @return the files, in the order given
     */
    <T> List<PublishedFile> write(RowSource<T> rows, List<RowFile<T>> files) throws IOException {
        List<OpenFile<T>> open = new ArrayList<>();
        try {
            for (RowFile<T> file : files) {
                open.add(open(file));
            }
            try {
                rows.forEach(row -> open.forEach(file -> file.add(row)));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            List<PublishedFile> written = new ArrayList<>();
            for (OpenFile<T> file : open) {
                written.add(file.finish());
            }
            return written;
        } catch (Throwable e) {
            // e.g. the database behind the rows failed, or the disk is full: the files written so far are closed
            open.forEach(file -> file.abandon(e));
            throw e;
        }
    }

    Path directory() {
        return directory;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private OutputStream create(Path file, MessageDigest sha256) throws IOException {
        return new BufferedOutputStream(new DigestOutputStream(storage.create(file), sha256), BUFFER_BYTES);
    }

    private <T> OpenFile<T> open(RowFile<T> spec) throws ReportWriteException {
        Path file = directory.resolve(spec.name());
        MessageDigest sha256 = sha256();
        OutputStream out;
        try {
            out = create(file, sha256);
        } catch (IOException e) {
            throw failed(file, e);
        }
        try {
            return new OpenFile<>(spec.name(), file, sha256, out, spec.opener().open(out));
        } catch (IOException e) {
            throw closing(out, failed(file, e));
        } catch (RuntimeException e) {
            throw closing(out, e);
        }
    }

    private static <E extends Exception> E closing(OutputStream out, E failure) {
        try {
            out.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private static ReportWriteException failed(Path file, IOException cause) {
        return new ReportWriteException("cannot write " + file + ": " + cause, cause);
    }

    /** A file being fed rows, with its stream; closed once, when finished or abandoned. */
    private static final class OpenFile<T> {

        private final String name;
        private final Path file;
        private final MessageDigest sha256;
        private final OutputStream out;
        private final RowWriter<T> writer;
        private boolean closed;

        OpenFile(String name, Path file, MessageDigest sha256, OutputStream out, RowWriter<T> writer) {
            this.name = name;
            this.file = file;
            this.sha256 = sha256;
            this.out = out;
            this.writer = writer;
        }

        /** Called from inside the pass over the rows, which takes no checked exception: unwrapped by the caller. */
        void add(T row) {
            try {
                writer.add(row);
            } catch (IOException e) {
                throw new UncheckedIOException(failed(file, e));
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException(failed(file, e.getCause()));
            }
        }

        PublishedFile finish() throws ReportWriteException {
            long rows;
            closed = true;
            try (out; writer) {
                rows = writer.finish();
            } catch (IOException e) {
                throw failed(file, e);
            }
            return new PublishedFile(name, rows, HexFormat.of().formatHex(sha256.digest()));
        }

        void abandon(Throwable failure) {
            if (closed) {
                return;
            }
            closed = true;
            try (out; writer) {
                // closed, unfinished: the publication removes the folder
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
