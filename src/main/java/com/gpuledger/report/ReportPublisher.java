package com.gpuledger.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Publishes the report set of a date ({@code <reportsDir>/<D>/}) or of a month ({@code <reportsDir>/<YYYY-MM>/}) so
 * that readers see the whole old set or the whole new set, never a part of one.
 *
 * <p>A publication first <b>recovers</b> from an earlier crash, then writes the whole set into a temporary folder
 * beside the target, {@code .<name>.tmp-<random>} (for a date {@code manifest.json} last), each file forced to the
 * device, then the folder itself; then swaps it in by two renames: {@code <name>} to {@code .<name>.old-<random>},
 * the temporary folder to {@code <name>}, and deletes the old folder.
 *
 * <p>Crash windows, and what the next publication's recovery does about them:
 * <ol>
 * <li>while writing, or after writing but before the first rename: the target is untouched; the leftover
 * {@code .tmp-*} folder is deleted.</li>
 * <li>between the two renames: the target is missing and {@code .<name>.old-*} holds the previous set; if that set is
 * complete (a date's: its manifest is present and every file it lists has the listed SHA-256; a month's: its workbook
 * is present) it is renamed back to {@code <name>}; the {@code .tmp-*} folder is deleted. A reader looking in this
 * window finds no folder at all (Java offers no atomic exchange of two directories), never a half set.</li>
 * <li>after the second rename, before or while deleting the old folder: the new set is in place; the leftover
 * {@code .old-*} folder is deleted.</li>
 * </ol>
 * A failed write (e.g. "No space left on device", or a reports directory below a regular file) is thrown as a
 * {@link ReportWriteException} naming the path, after the temporary folder is removed; the previous set is untouched.
 * Publications of the same name must not run concurrently (the run lease, contracts section 6, ensures it): recovery
 * deletes any temporary folder it finds.
 */
public final class ReportPublisher {

    private static final String TMP = ".tmp-";

    private static final String OLD = ".old-";

    private final Path reportsDir;
    private final Clock clock;
    private final ReportStorage storage;

    public ReportPublisher(Path reportsDir) {
        this(reportsDir, Clock.systemUTC(), ReportStorage.local());
    }

    /** @param clock gives the manifest's {@code generated_at} */
    public ReportPublisher(Path reportsDir, Clock clock, ReportStorage storage) {
        this.reportsDir = Objects.requireNonNull(reportsDir, "reportsDir");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Writes and publishes every file of the report date (contracts section 5). */
    public Publication publish(DailyReport report) throws ReportWriteException {
        Instant generatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return publish(report.reportDate().toString(), this::isCompleteDay,
                folder -> DailyReportFiles.write(report, folder, generatedAt));
    }

    /** Writes and publishes the month-close workbook {@code <YYYY-MM>/gpu-cost-YYYY-MM.xlsx}. */
    public Publication publish(MonthReport report) throws ReportWriteException {
        YearMonth month = report.month();
        String workbook = MonthWorkbook.fileName(month);
        return publish(month.toString(), folder -> Files.isRegularFile(folder.resolve(workbook)),
                folder -> List.of(folder.write(workbook, out -> MonthWorkbook.write(report, out))));
    }

    /** The folder a date's set is published in. */
    public Path directory(LocalDate date) {
        return reportsDir.resolve(date.toString());
    }

    /** The folder a month's workbook is published in. */
    public Path directory(YearMonth month) {
        return reportsDir.resolve(month.toString());
    }

    /**
     * Repairs what a crashed publication of {@code name} left (see the class comment); publishing does it first anyway.
     *
     * @return what was done, for the log
     */
    List<String> recover(String name, Predicate<Path> complete) throws IOException {
        Path target = reportsDir.resolve(name);
        List<String> notes = new ArrayList<>();
        List<Path> leftovers = leftovers(name);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path previous = leftovers.stream()
                    .filter(path -> path.getFileName().toString().startsWith("." + name + OLD))
                    .filter(complete)
                    .max(Comparator.comparing(ReportPublisher::lastModified).thenComparing(Path::toString))
                    .orElse(null);
            if (previous != null) {
                storage.rename(previous, target);
                storage.syncDirectory(reportsDir);
                leftovers.remove(previous);
                notes.add("restored " + target + " from " + previous.getFileName() + " (a publication had crashed between its renames)");
            }
        }
        for (Path leftover : leftovers) {
            deleteTree(leftover);
            notes.add("deleted " + leftover + " (left by an interrupted publication)");
        }
        return notes;
    }

    @FunctionalInterface
    private interface SetWriter {
        List<PublishedFile> write(ReportFolder folder) throws IOException;
    }

    private Publication publish(String name, Predicate<Path> complete, SetWriter writer) throws ReportWriteException {
        Path target = reportsDir.resolve(name);
        Path temporary = reportsDir.resolve("." + name + TMP + random());
        List<String> notes;
        List<PublishedFile> files;
        try {
            Files.createDirectories(reportsDir);
            notes = new ArrayList<>(recover(name, complete));
            Files.createDirectory(temporary);
        } catch (IOException e) {
            throw new ReportWriteException("cannot prepare the reports directory " + reportsDir + " for " + target + ": " + e, e);
        }
        try {
            files = writer.write(new ReportFolder(temporary, storage));
            storage.syncDirectory(temporary);
        } catch (IOException e) {
            abandon(temporary, e);
            throw new ReportWriteException("reports not published to " + target + " (the previous set, if any, is untouched): "
                    + (e instanceof ReportWriteException ? e.getMessage() : e.toString()), e);
        } catch (RuntimeException | Error e) {
            // e.g. the database behind a RowSource failed: same clean-up, the failure itself is the caller's to report
            abandon(temporary, e);
            throw e;
        }
        swap(temporary, target, notes);
        return new Publication(target, files, List.copyOf(notes));
    }

    private void swap(Path temporary, Path target, List<String> notes) throws ReportWriteException {
        Path old = null;
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = reportsDir.resolve("." + target.getFileName() + OLD + random());
                storage.rename(target, old);
            }
            storage.rename(temporary, target);
            storage.syncDirectory(reportsDir);
        } catch (IOException e) {
            ReportWriteException failure = new ReportWriteException("cannot move the new set " + temporary + " into place as "
                    + target + ": " + e, e);
            putBack(old, target, failure);
            abandon(temporary, failure);
            throw failure;
        }
        if (old != null) {
            try {
                deleteTree(old);
            } catch (IOException e) {
                // the new set is published; the leftover is removed by the next publication's recovery
                notes.add("could not delete the previous set " + old + ": " + e);
            }
        }
    }

    private void putBack(Path old, Path target, Exception failure) {
        if (old == null || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            storage.rename(old, target);
        } catch (IOException e) {
            // recovery restores it on the next publication
            failure.addSuppressed(e);
        }
    }

    private static void abandon(Path temporary, Throwable failure) {
        try {
            deleteTree(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** A date's folder is complete when its manifest is there and every file it lists has the listed SHA-256. */
    private boolean isCompleteDay(Path folder) {
        try {
            Path manifest = folder.resolve(Manifest.NAME);
            if (!Files.isRegularFile(manifest)) {
                return false;
            }
            List<PublishedFile> files = Manifest.files(Files.readAllBytes(manifest));
            for (PublishedFile file : files) {
                Path path = folder.resolve(file.name());
                if (!Files.isRegularFile(path) || !sha256(path).equals(file.sha256())) {
                    return false;
                }
            }
            return !files.isEmpty();
        } catch (IOException | RuntimeException e) {
            // unreadable or not a manifest: not a set to restore
            return false;
        }
    }

    private List<Path> leftovers(String name) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(reportsDir)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.startsWith("." + name + TMP) || file.startsWith("." + name + OLD)) {
                    found.add(entry);
                }
            }
        }
        found.sort(Comparator.comparing(Path::toString));
        return found;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = ReportFolder.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Instant lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String random() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
