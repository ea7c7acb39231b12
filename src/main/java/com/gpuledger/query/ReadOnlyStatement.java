package com.gpuledger.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.gpuledger.run.UsageException;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * The first line of {@code query}'s defence, decided by JSqlParser: the text must parse as exactly one SELECT, WITH,
 * VALUES, TABLE or EXPLAIN statement, with no data-modifying WITH, no {@code SELECT ... INTO}, no row locks and no
 * sequence call. Whatever the parser cannot read (PostgreSQL's {@code $tag$} quoting, nested comments) is refused
 * rather than guessed at. The guarantee is the database's: {@code query} connects as a user that may only read
 * (see {@link QueryReaderMigration}); this check keeps honest mistakes and H2's unguarded sequences out.
 */
public final class ReadOnlyStatement {

    /** H2 checks no right on sequences: a user with SELECT grants only advances them. */
    private static final Set<String> SEQUENCE_FUNCTIONS = Set.of("nextval", "setval");

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
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(text);
        } catch (JSQLParserException | RuntimeException e) {
            throw refused("it does not parse as one SQL statement (" + firstLine(e) + ")");
        }
        if (statements == null || statements.isEmpty()) {
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
        new Inspector().inspect(statement);
        // EXPLAIN prints a plan, not the columns of its statement
        return new Checked(withoutTrailingSemicolons(text), statement == select ? expressions(select) : List.of());
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

    /** Walks every part of the statement, subqueries included. */
    private static final class Inspector extends TablesNamesFinder<Void> {

        Inspector() {
            init(true);
        }

        void inspect(Statement statement) {
            statement.accept(this, null);
        }

        @Override
        public <S> Void visit(PlainSelect plainSelect, S context) {
            if (plainSelect.getIntoTables() != null && !plainSelect.getIntoTables().isEmpty()
                    || plainSelect.getIntoTempTable() != null) {
                throw refused("SELECT ... INTO writes a table");
            }
            if (plainSelect.getForMode() != null || plainSelect.getForUpdateTable() != null) {
                throw refused("FOR UPDATE / FOR SHARE locks rows");
            }
            return super.visit(plainSelect, context);
        }

        @Override
        public <S> Void visit(WithItem<?> withItem, S context) {
            Object part = withItem.getParenthesedStatement();
            if (part != null && !(part instanceof Select)) {
                throw refused("a WITH part writes (" + kind(part) + ")");
            }
            return super.visit(withItem, context);
        }

        @Override
        public <S> Void visit(NextValExpression expression, S context) {
            throw refused("NEXT VALUE FOR advances a sequence");
        }

        @Override
        public <S> Void visit(Function function, S context) {
            String name = unquoted(function.getName());
            if (SEQUENCE_FUNCTIONS.contains(name)) {
                throw refused(name + "() changes a sequence");
            }
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(net.sf.jsqlparser.schema.Table table, S context) {
            return null; // names are not collected: only the walk is wanted
        }
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
