package com.gpuledger.query;

import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Collectors;

/** Which refusals of the database are the query's fault (exit 64), and their whole message on one line. */
final class QueryErrors {

    /** SQL states: syntax or access rule, data exception, unsupported feature, transaction state, cardinality. */
    private static final Set<String> STATE_CLASSES = Set.of("42", "22", "0A", "25", "21", "3F", "2B");
    /** H2: admin rights required, not enough rights, function not found, invalid value, syntax. */
    private static final Set<Integer> H2_CODES = Set.of(90040, 90096, 90022, 90008, 90051, 90038, 90045);

    private QueryErrors() {
    }

    static boolean isTheQuerys(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.length() >= 2 && STATE_CLASSES.contains(state.substring(0, 2))
                || H2_CODES.contains(e.getErrorCode());
    }

    /** H2: the database was shut down under this session (connection broken, database closed) by a run taking it over. */
    static boolean isTakenOver(SQLException e) {
        return Set.of(90067, 90098, 90121).contains(e.getErrorCode());
    }

    static boolean isTimeout(SQLException e) {
        return "57014".equals(e.getSQLState()) || e instanceof java.sql.SQLTimeoutException;
    }

    /** Every line of the message (H2 puts the statement after {@code SQL statement:}, PostgreSQL a hint and position). */
    static String wholeMessage(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining(" "));
    }
}
