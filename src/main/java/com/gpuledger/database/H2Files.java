package com.gpuledger.database;

import java.nio.file.Path;
import java.util.Optional;

/** Where an embedded H2 database keeps its files, and the secrets kept beside it. */
public final class H2Files {

    private H2Files() {
    }

    /** The file an H2 URL names, without {@code .mv.db}; empty for in-memory, server and other databases. */
    public static Optional<Path> databasePath(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:h2:".length());
        int semicolon = name.indexOf(';');
        if (semicolon >= 0) {
            name = name.substring(0, semicolon);
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("^[a-zA-Z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio...:
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    /** {@code /x/data/ledger} keeps its admin's generated password in {@code /x/data/ledger.owner-password}. */
    public static Path ownerPasswordFile(Path databasePath) {
        return sibling(databasePath, ".owner-password");
    }

    static Path sibling(Path databasePath, String suffix) {
        return databasePath.resolveSibling(databasePath.getFileName() + suffix);
    }
}
