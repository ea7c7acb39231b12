package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** {@link ReportStorage} on the local file system: fsync on close, {@code ATOMIC_MOVE} renames, directory fsync. */
final class LocalReportStorage implements ReportStorage {

    static final LocalReportStorage INSTANCE = new LocalReportStorage();

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    private LocalReportStorage() {
    }

    @Override
    public OutputStream create(Path file) throws IOException {
        return new SyncedOutputStream(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        if (WINDOWS) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Writes through a channel and forces it to the device before closing, so a closed file is a durable file. */
    private static final class SyncedOutputStream extends OutputStream {

        private final FileChannel channel;
        private boolean closed;

        SyncedOutputStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (channel) {
                channel.force(true);
            }
        }
    }
}
