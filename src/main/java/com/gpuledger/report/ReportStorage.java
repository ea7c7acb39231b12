package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The file operations a publication depends on for durability and atomicity. {@link #local()} is the real one; a test
 * substitutes a failing one (e.g. "No space left on device" halfway through a file) to prove the previous set survives.
 */
public interface ReportStorage {

    /** A new file (it must not exist yet); its content is forced to the device when the stream is closed. */
    OutputStream create(Path file) throws IOException;

    /** Renames a file or directory within the same directory, atomically. */
    void rename(Path source, Path target) throws IOException;

    /** Forces a directory's entries (files created or renamed in it) to the device. */
    void syncDirectory(Path directory) throws IOException;

    static ReportStorage local() {
        return LocalReportStorage.INSTANCE;
    }
}
