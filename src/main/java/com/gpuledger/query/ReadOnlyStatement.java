package com.gpuledger.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.gpuledger.run.UsageException;

/**
 * The only guard H2 has: it does not enforce read-only connections (an INSERT succeeds under
 * {@code setReadOnly(true)}). A statement passes when, comments stripped, it is exactly one statement that begins with
 * SELECT, WITH, VALUES, TABLE or EXPLAIN and contains no word that writes (outside string literals and quoted names),
 * which also refuses {@code WITH d AS (DELETE ...)}, {@code SELECT ... INTO} and {@code EXPLAIN ANALYZE}.
 */
public final class ReadOnlyStatement {

    private static final Set<String> FIRST_WORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN");
    private static final Set<String> WRITING_WORDS = Set.of(
            "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE",
            "COPY", "CALL", "EXECUTE", "DO", "SET", "RESET", "LOCK", "VACUUM", "ANALYZE", "CLUSTER", "REINDEX", "REFRESH",
            "INTO", "COMMIT", "ROLLBACK", "SAVEPOINT", "BEGIN", "SHUTDOWN", "RUNSCRIPT", "SCRIPT", "BACKUP", "CHECKPOINT",
            "CSVWRITE", "FILE_WRITE", "FILE_READ", "LINK_SCHEMA", "NEXTVAL", "SETVAL", "LO_IMPORT", "LO_EXPORT",
            "PG_TERMINATE_BACKEND", "PG_CANCEL_BACKEND", "SET_CONFIG", "DBLINK", "DBLINK_EXEC", "PG_READ_FILE",
            "PG_READ_BINARY_FILE", "PG_LS_DIR");

    private ReadOnlyStatement() {
    }

    /**
     * @return the statement without comments and without a trailing semicolon, ready to execute
     * @throws UsageException naming what was refused
     */
    public static String check(String sql) {
        Scan scan = scan(sql == null ? "" : sql);
        String code = scan.code.toString().strip();
        String statement = scan.statement.toString().strip();
        while (code.endsWith(";")) {
            code = code.substring(0, code.length() - 1).strip();
            statement = statement.substring(0, statement.lastIndexOf(';')).strip();
        }
        if (code.isEmpty()) {
            throw refused("the statement is empty");
        }
        if (code.contains(";")) {
            throw refused("exactly one statement is allowed");
        }
        List<String> words = words(code);
        if (words.isEmpty() || !FIRST_WORDS.contains(words.get(0))) {
            throw refused("it begins with " + (words.isEmpty() ? "no keyword" : words.get(0)));
        }
        for (String word : words) {
            if (WRITING_WORDS.contains(word)) {
                throw refused("it contains " + word);
            }
        }
        return statement;
    }

    private static UsageException refused(String why) {
        return new UsageException("query refused: " + why + "; only one read-only statement beginning with SELECT, WITH, "
                + "VALUES, TABLE or EXPLAIN is run");
    }

    private static List<String> words(String code) {
        List<String> words = new ArrayList<>();
        for (String word : code.split("[^A-Za-z0-9_$]+")) {
            if (!word.isEmpty()) {
                words.add(word.toUpperCase(Locale.ROOT));
            }
        }
        return words;
    }

    /**
     * Splits the text into what runs (comments removed, literals kept) and the code to inspect (literals and quoted
     * names blanked out, so a word inside them never counts).
     */
    private static Scan scan(String sql) {
        Scan scan = new Scan();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                scan.both(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                if (depth > 0) {
                    throw refused("a comment is not closed");
                }
                scan.both(' ');
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                while (true) {
                    if (end >= n) {
                        throw refused("a quoted text is not closed");
                    }
                    if (sql.charAt(end) == c) {
                        if (end + 1 < n && sql.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                scan.statement.append(sql, i, end + 1);
                scan.code.append(c == '"' ? " x " : " '' ");
                i = end + 1;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                if (end < 0) {
                    throw refused("a dollar-quoted text is not closed");
                }
                scan.statement.append(sql, i, end + tag.length());
                scan.code.append(" '' ");
                i = end + tag.length();
            } else {
                scan.both(c);
                i++;
            }
        }
        return scan;
    }

    /** PostgreSQL's {@code $$} or {@code $tag$} opening a literal. */
    private static String dollarTag(String sql, int at) {
        int end = at + 1;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        if (end < sql.length() && sql.charAt(end) == '$' && (at == 0 || !Character.isLetterOrDigit(sql.charAt(at - 1)))) {
            return sql.substring(at, end + 1);
        }
        return null;
    }

    private static final class Scan {
        final StringBuilder statement = new StringBuilder();
        final StringBuilder code = new StringBuilder();

        void both(char c) {
            statement.append(c);
            code.append(c);
        }
    }
}
