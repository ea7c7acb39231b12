package com.gpuledger.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The local storage, except that chosen files fill the disk after some bytes and chosen renames fail or crash. */
class FailingStorage implements ReportStorage {

    static final String DISK_FULL = "No space left on device";

    private final ReportStorage local = ReportStorage.local();
    private Predicate<Path> fullFiles = file -> false;
    private long bytesBeforeFull;
    private int failingRename = -1;
    private boolean renameCrashes;
    private int renames;

    /** Files matching the predicate fail with ENOSPC once more than {@code bytes} have been written to them. */
    FailingStorage diskFullIn(Predicate<Path> files, long bytes) {
        fullFiles = files;
        bytesBeforeFull = bytes;
        return this;
    }

    /** The rename after {@code successful} good ones fails with an IOException (the later ones work again), or (crash) stops the process's work dead. */
    FailingStorage renameFailsAfter(int successful, boolean crash) {
        failingRename = successful;
        renameCrashes = crash;
        return this;
    }

    @Override
    public OutputStream create(Path file) throws IOException {
        OutputStream out = local.create(file);
        if (!fullFiles.test(file)) {
            return out;
        }
        return new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (written + length > bytesBeforeFull) {
                    throw new IOException(DISK_FULL);
                }
                written += length;
                out.write(bytes, offset, length);
            }
        };
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        if (renames++ == failingRename) {
            if (renameCrashes) {
                throw new SimulatedCrash();
            }
            throw new IOException("Input/output error renaming " + source);
        }
        local.rename(source, target);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        local.syncDirectory(directory);
    }

    /** Stands for the process dying: nothing after it runs, no clean-up. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
