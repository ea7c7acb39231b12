package com.gpuledger.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files that hold data or secrets are the job's OS user's alone: directories 0700, files 0600, set explicitly
 * because the JVM cannot set its umask, and tightened when found looser.
 */
public final class SecretFiles {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /** A password kept in a file, and whether it was just created there. */
    public record Kept(String password, boolean created) {
        @Override
        public String toString() {
            return "Kept[created=" + created + "]";
        }
    }

    /** The password already in {@code file}, else a new one written there 0600 (atomically: never half a password). */
    public static Kept passwordKeptIn(Path file) throws IOException {
        Optional<String> kept = kept(file);
        if (kept.isPresent()) {
            return new Kept(kept.get(), false);
        }
        String password = newPassword();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Kept(password, true);
    }

    /** The password in {@code file} (made 0600 if it was not), when there is a whole one. */
    static Optional<String> kept(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (kept.matches("[A-Za-z0-9_-]{16,}")) {
                ownerOnly(file);
                return Optional.of(kept);
            }
        }
        return Optional.empty();
    }

    /** 32 characters of [A-Za-z0-9_-] from 24 random bytes: nothing in it needs quoting in SQL. */
    public static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Creates {@code directory} 0700 when missing. @return its permissions before, when they let others in; else null */
    static String ownerOnlyDirectory(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return null;
        }
        return ownerOnly(directory);
    }

    /** Removes every group and other permission. @return the permissions before, when they had any; else null */
    static String ownerOnly(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.stream().noneMatch(OTHERS::contains)) {
            return null;
        }
        Set<PosixFilePermission> owner = EnumSet.copyOf(permissions);
        owner.removeAll(OTHERS);
        Files.setPosixFilePermissions(path, owner);
        return PosixFilePermissions.toString(permissions);
    }
}
