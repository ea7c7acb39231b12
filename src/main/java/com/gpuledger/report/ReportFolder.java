package com.gpuledger.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Writes the files of one (temporary) report folder, each hashed while written and forced to the device when closed. */
final class ReportFolder {

    /** The content of one file; returns the data rows written. */
    @FunctionalInterface
    interface Content {
        long writeTo(OutputStream out) throws IOException;
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
        try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(storage.create(file), sha256), BUFFER_BYTES)) {
            rows = content.writeTo(out);
        } catch (UncheckedIOException e) {
            throw failed(file, e.getCause());
        } catch (IOException e) {
            throw failed(file, e);
        }
        return new PublishedFile(name, rows, HexFormat.of().formatHex(sha256.digest()));
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

    private static ReportWriteException failed(Path file, IOException cause) {
        return new ReportWriteException("cannot write " + file + ": " + cause, cause);
    }
}
