package com.gpuledger.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.gpuledger.run.UsageException;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * The first line of {@code query}'s defence, decided by JSqlParser: the text must parse as exactly one SELECT, WITH,
 * VALUES, TABLE or EXPLAIN statement made only of the read-only constructs and functions {@link ReadOnlyTree} lists
 * (so no data-modifying WITH, no {@code SELECT ... INTO}, no row locks, no sequence, lock or sleep function anywhere).
 * Whatever the parser cannot read (PostgreSQL's {@code $tag$} quoting, nested comments) is refused, naming the token,
 * rather than guessed at; a word after {@code AS} is read as the alias it is. The guarantee is the database's:
 * {@code query} connects as a user that may only read (see {@link QueryReaderMigration}), and the job ends a reader's
 * session that holds a lock; this check keeps honest mistakes, locks and H2's unguarded sequences out.
 */
public final class ReadOnlyStatement {

    /** Each pass quotes one alias; a statement has few. */
    private static final int MAX_QUOTED_ALIASES = 50;
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\b");
    private static final Pattern ALIAS = Pattern.compile("(?i)AS\\s+([A-Za-z_][A-Za-z0-9_]*\\b)");

    private ReadOnlyStatement() {
    }

    /** The statement to run, and what to head each column with when the database would print {@code ?column?}. */
    public record Checked(String sql, List<String> expressions) {

        /** The expression of column {@code index} (0-based) when it has no alias and is not a bare column; else null. */
        String expression(int index) {
            return index < expressions.size() ? expressions.get(index) : null;
        }
    }

    /** @throws UsageException naming what was refused */
    public static Checked check(String sql) {
        String text = sql == null ? "" : sql.strip();
        if (text.isEmpty()) {
            throw refused("the statement is empty");
        }
        String original = text;
        Statements statements = null;
        for (int quoted = 0; statements == null; quoted++) {
            try {
                statements = CCJSqlParserUtil.parseStatements(text);
            } catch (JSQLParserException | RuntimeException e) {
                Optional<Token> token = failingToken(e);
                String parsed = text;
                int at = token.map(t -> offset(t, parsed)).orElse(-1);
                int alias = at >= 0 && quoted < MAX_QUOTED_ALIASES ? alias(text, at) : -1;
                if (alias < 0) {
                    throw refused("it does not parse as one SQL statement (" + (at < 0 ? firstLine(e)
                            : position(original, at - 2 * quoted) + ": " + shown(token.get())) + ")");
                }
                Matcher word = WORD.matcher(text).region(alias, text.length());
                word.lookingAt();
                text = text.substring(0, alias) + '"' + word.group().toLowerCase(Locale.ROOT) + '"' + text.substring(word.end());
            }
        }
        if (statements.isEmpty()) {
            throw refused("the statement is empty");
        }
        if (statements.size() > 1) {
            throw refused("exactly one statement is allowed, this text holds " + statements.size());
        }
        Statement statement = statements.get(0);
        Select select;
        if (statement instanceof Select plain) {
            select = plain;
        } else if (statement instanceof ExplainStatement explain && explain.getStatement() != null) {
            select = explain.getStatement();
        } else {
            throw refused("it is a " + kind(statement) + " statement");
        }
        ReadOnlyTree.check(statement);
        // EXPLAIN prints a plan, not the columns of its statement
        return new Checked(withoutTrailingSemicolons(text), statement == select ? expressions(select) : List.of());
    }

    /** The token the parser stopped at: the one after the last it accepted. */
    private static Optional<Token> failingToken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ParseException parse && parse.currentToken != null) {
                return Optional.of(parse.currentToken.next == null ? parse.currentToken : parse.currentToken.next);
            }
        }
        return Optional.empty();
    }

    /**
     * Where the word after {@code AS} starts when the parser stopped at that {@code AS} or that word, else -1. A word
     * after {@code AS} is a column or table alias whatever keyword list the parser has (PostgreSQL takes any word
     * there: {@code AS unknown}, {@code AS month}); the caller double-quotes it, folded to lower case as both
     * databases fold an unquoted name, so what is checked is what runs.
     */
    private static int alias(String text, int at) {
        Matcher alias = ALIAS.matcher(text).region(at, text.length());
        if (alias.lookingAt()) {
            return alias.start(1);
        }
        boolean afterAs = text.substring(0, at).stripTrailing().toUpperCase(Locale.ROOT).matches("(?s).*\\bAS");
        return afterAs && WORD.matcher(text).region(at, text.length()).lookingAt() ? at : -1;
    }

    /** The token's offset in {@code text}; -1 when the parser's line and column do not lead to it. */
    private static int offset(Token token, String text) {
        int offset = 0;
        for (int line = 1; line < token.beginLine; line++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return -1;
            }
        }
        offset += token.beginColumn - 1;
        return offset < text.length() && token.image != null && text.startsWith(token.image, offset) ? offset : -1;
    }

    /** Line and column of {@code offset} in the analyst's own text (each quoted alias before it added two characters). */
    private static String position(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        long line = text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        return "at line " + line + ", column " + (offset - lineStart + 1);
    }

    private static String shown(Token token) {
        return token.image == null || token.image.isEmpty() ? "the end of the text" : '"' + token.image + '"';
    }

    private static List<String> expressions(Select select) {
        List<String> expressions = new ArrayList<>();
        if (select instanceof PlainSelect plain) {
            for (SelectItem<?> item : plain.getSelectItems()) {
                if (item.getExpression() instanceof AllColumns) {
                    return List.of(); // a star shifts every later position: let the database name them all
                }
                boolean named = item.getAlias() != null || item.getExpression() instanceof Column;
                expressions.add(named ? null : item.getExpression().toString());
            }
        }
        return expressions;
    }

    /** {@code "NextVal"}, {@code NEXTVAL} and {@code U&"next\0076al"} name the same function. */
    static String unquoted(String name) {
        String plain = name;
        int dot = plain.lastIndexOf('.');
        if (dot >= 0 && !plain.endsWith("\"")) {
            plain = plain.substring(dot + 1);
        } else if (dot >= 0 && plain.lastIndexOf(".\"") >= 0) {
            plain = plain.substring(plain.lastIndexOf(".\"") + 1);
        }
        if (plain.startsWith("\"") && plain.endsWith("\"") && plain.length() >= 2) {
            plain = plain.substring(1, plain.length() - 1).replace("\"\"", "\"");
        }
        return unicodeEscapes(plain).toLowerCase(Locale.ROOT);
    }

    private static String unicodeEscapes(String text) {
        StringBuilder decoded = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && isHex(text, i + 1, 4)) {
                decoded.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                i += 4;
            } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '+' && isHex(text, i + 2, 6)) {
                decoded.appendCodePoint(Integer.parseInt(text.substring(i + 2, i + 8), 16));
                i += 7;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    private static boolean isHex(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String withoutTrailingSemicolons(String text) {
        String statement = text;
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        return statement;
    }

    private static String kind(Object statement) {
        String name = statement == null ? "unknown" : statement.getClass().getSimpleName();
        return name.replace("Parenthesed", "").toUpperCase(Locale.ROOT);
    }

    private static String firstLine(Throwable e) {
        Throwable shown = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.lines().findFirst().orElse(message).replaceFirst("^[\\w.$]+(Exception|Error): ", "").strip();
    }

    static UsageException refused(String why) {
        return new UsageException("query refused: " + why + "; only one read-only statement (SELECT, WITH, VALUES, "
                + "TABLE or EXPLAIN) is run");
    }
}
