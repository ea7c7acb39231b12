package com.gpuledger.query;

import java.nio.file.Path;

/** Who {@code query} connects as on H2: a user with SELECT grants only, its password in a file beside the database. */
final class QueryReader {

    /** H2 reserves files, CSV, links, scripts, aliases and sessions to admins; this user is none. */
    static final String H2_USER = "ledger_query";

    private QueryReader() {
    }

    /** {@code /x/data/ledger} (H2's database path, without {@code .mv.db}) keeps it in {@code /x/data/ledger.query-password}. */
    static Path passwordFile(Path databasePath) {
        return databasePath.resolveSibling(databasePath.getFileName() + ".query-password");
    }
}
