package com.gpuledger.query;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.statement.select.ForMode;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * The allow-list behind {@link ReadOnlyStatement}: every object of the parsed tree, reached through every field
 * (not through a visitor, which skips the parts it has no method for), must be of a class known to read only, and
 * every function called anywhere must be a known read-only function of PostgreSQL or H2. Whatever is not listed is
 * refused: a construct or function JSqlParser adds, or one an analyst needs and nobody has checked, fails closed.
 */
final class ReadOnlyTree {

    private static final String PACKAGE = "net.sf.jsqlparser.";

    /** The grammar of a read: selects, joins, expressions, literals, windows, casts. No locking, INTO, sequences, variables. */
    private static final Set<String> CONSTRUCTS = Set.of(
            "statement.select.PlainSelect", "statement.select.SetOperationList", "statement.select.ParenthesedSelect",
            "statement.select.Values", "statement.select.TableStatement", "statement.select.WithItem",
            "statement.select.SelectItem", "statement.select.AllColumns", "statement.select.AllTableColumns",
            "statement.select.Join", "statement.select.LateralSubSelect", "statement.select.ParenthesedFromItem",
            "statement.select.TableFunction", "statement.select.Distinct", "statement.select.GroupByElement",
            "statement.select.OrderByElement", "statement.select.OrderByElement$NullOrdering", "statement.select.Limit",
            "statement.select.Offset", "statement.select.Fetch", "statement.select.UnionOp", "statement.select.IntersectOp",
            "statement.select.ExceptOp", "statement.select.MinusOp", "statement.select.SetOperationList$SetOperationType",
            "statement.select.FunctionAllColumns",
            "statement.ExplainStatement", "statement.ExplainStatement$Option", "statement.ExplainStatement$OptionType",
            "schema.Table", "schema.Column", "schema.Database",
            "expression.Alias", "expression.Function$NullHandling", "expression.Function$HavingClause", "expression.Alias$AliasColumn", "expression.Function", "expression.AnalyticExpression",
            "expression.AnalyticType", "expression.WindowDefinition", "expression.WindowElement",
            "expression.WindowElement$Type", "expression.WindowOffset", "expression.WindowOffset$Type",
            "expression.WindowRange", "expression.OrderByClause", "expression.PartitionByClause",
            "expression.FilterOverImpl", "expression.KeepExpression",
            "expression.CaseExpression", "expression.WhenClause", "expression.CastExpression",
            "expression.CollateExpression", "expression.ExtractExpression", "expression.IntervalExpression",
            "expression.DateTimeLiteralExpression", "expression.DateTimeLiteralExpression$DateTime",
            "expression.TimeKeyExpression", "expression.TimezoneExpression", "expression.TrimFunction",
            "expression.TrimFunction$TrimSpecification", "expression.SignedExpression", "expression.NotExpression",
            "expression.Parenthesis", "expression.RowConstructor", "expression.ArrayExpression",
            "expression.ArrayConstructor", "expression.AnyComparisonExpression", "expression.AnyType",
            "expression.JsonExpression", "expression.JsonFunction", "expression.JsonFunctionType",
            "expression.JsonFunctionExpression", "expression.JsonKeyValuePair", "expression.JsonAggregateFunction",
            "expression.JsonAggregateOnNullType", "expression.JsonAggregateUniqueKeysType",
            "expression.LongValue", "expression.DoubleValue", "expression.StringValue", "expression.NullValue",
            "expression.BooleanValue", "expression.HexValue", "expression.DateValue", "expression.TimeValue",
            "expression.TimestampValue", "expression.AllValue",
            "statement.create.table.ColDataType",
            "expression.operators.arithmetic.Addition", "expression.operators.arithmetic.Subtraction",
            "expression.operators.arithmetic.Multiplication", "expression.operators.arithmetic.Division",
            "expression.operators.arithmetic.IntegerDivision", "expression.operators.arithmetic.Modulo",
            "expression.operators.arithmetic.Concat",
            "expression.operators.conditional.AndExpression", "expression.operators.conditional.OrExpression",
            "expression.operators.relational.EqualsTo", "expression.operators.relational.NotEqualsTo",
            "expression.operators.relational.GreaterThan", "expression.operators.relational.GreaterThanEquals",
            "expression.operators.relational.MinorThan", "expression.operators.relational.MinorThanEquals",
            "expression.operators.relational.Between", "expression.operators.relational.InExpression",
            "expression.operators.relational.ExistsExpression", "expression.operators.relational.IsNullExpression",
            "expression.operators.relational.IsBooleanExpression", "expression.operators.relational.IsDistinctExpression",
            "expression.operators.relational.LikeExpression", "expression.operators.relational.LikeExpression$KeyWord",
            "expression.operators.relational.SimilarToExpression", "expression.operators.relational.RegExpMatchOperator",
            "expression.operators.relational.RegExpMatchOperatorType", "expression.operators.relational.JsonOperator",
            "expression.operators.relational.ExpressionList", "expression.operators.relational.ParenthesedExpressionList",
            "expression.operators.relational.NamedExpressionList");

    /**
     * Functions that only compute from their arguments and the rows read: aggregates, window functions, string,
     * number, date-time, JSON reading, conditionals. No sequence, lock, sleep, setting, file, session or
     * large-object function, and nothing user-defined.
     */
    private static final Set<String> FUNCTIONS = Set.of(
            // aggregates
            "count", "sum", "avg", "min", "max", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
            "string_agg", "array_agg", "listagg", "group_concat", "bool_and", "bool_or", "every", "any_value", "mode",
            "median", "percentile_cont", "percentile_disc", "corr", "covar_pop", "covar_samp", "regr_slope",
            "regr_intercept", "regr_count", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg",
            "json_arrayagg", "json_objectagg", "bit_and", "bit_or",
            // window
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
            "last_value", "nth_value",
            // conditionals
            "coalesce", "nullif", "greatest", "least", "ifnull", "nvl", "nvl2", "decode", "casewhen",
            // numbers
            "abs", "round", "trunc", "truncate", "ceil", "ceiling", "floor", "mod", "power", "sqrt", "cbrt", "exp", "ln",
            "log", "log10", "sign", "div", "width_bucket", "pi", "degrees", "radians",
            // strings
            "lower", "upper", "lcase", "ucase", "length", "char_length", "character_length", "octet_length",
            "bit_length", "substring", "substr", "trim", "ltrim", "rtrim", "btrim", "replace", "translate", "concat",
            "concat_ws", "left", "right", "lpad", "rpad", "position", "strpos", "locate", "instr", "split_part",
            "regexp_replace", "regexp_substr", "regexp_like", "regexp_count", "regexp_split_to_array", "initcap",
            "repeat", "reverse", "format", "starts_with", "ascii", "chr", "char", "to_char", "to_number", "quote_ident",
            "quote_literal", "string_to_array", "array_to_string", "array_length", "cardinality", "unnest",
            "array_position", "array_contains", "md5", "sha256",
            // date and time
            "now", "current_date", "current_time", "current_timestamp", "localtimestamp", "localtime", "date_trunc",
            "date_part", "age", "to_date", "to_timestamp", "make_date", "make_timestamp", "make_interval",
            "dateadd", "datediff", "timestampadd", "timestampdiff", "date", "year", "month", "day", "day_of_month",
            "day_of_week", "day_of_year", "dayofmonth", "dayofweek", "dayofyear", "hour", "minute", "second", "week",
            "iso_week", "iso_year", "quarter", "dayname", "monthname", "extract", "justify_days", "justify_hours",
            "isfinite", "generate_series", "formatdatetime", "parsedatetime",
            // JSON reading
            "json_object", "json_array", "json_build_object", "json_build_array", "jsonb_build_object",
            "jsonb_build_array", "json_extract_path", "json_extract_path_text", "jsonb_extract_path",
            "jsonb_extract_path_text", "to_json", "to_jsonb", "json_typeof", "jsonb_typeof", "json_array_length",
            "jsonb_array_length", "jsonb_pretty",
            // casts written as functions
            "cast", "convert", "to_hex");

    private static final Set<String> CATALOG_SCHEMAS = Set.of("pg_catalog");

    /** Fields per class, walked in declaration order, superclasses included; computed once per class. */
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private ReadOnlyTree() {
    }

    /** @throws com.gpuledger.run.UsageException naming the first construct or function not on the lists */
    static void check(Object statement) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.add(statement);
        while (!pending.isEmpty()) {
            Object node = pending.poll();
            if (isValue(node) || !seen.add(node)) {
                continue;
            }
            if (node instanceof Collection<?> collection) {
                collection.forEach(part -> later(pending, part));
            } else if (node instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    later(pending, key);
                    later(pending, value);
                });
            } else if (node instanceof Map.Entry<?, ?> entry) {
                later(pending, entry.getKey());
                later(pending, entry.getValue());
            } else if (node.getClass().isArray()) {
                for (int i = 0; i < Array.getLength(node); i++) {
                    later(pending, Array.get(node, i));
                }
            } else if (node instanceof Enum<?> constant) {
                admit(constant, constant.getDeclaringClass());
            } else {
                admit(node, node.getClass());
                for (Field field : fields(node.getClass())) {
                    try {
                        later(pending, field.get(node));
                    } catch (IllegalAccessException e) {
                        throw ReadOnlyStatement.refused("its part " + node.getClass().getSimpleName() + " cannot be inspected");
                    }
                }
            }
        }
    }

    private static void later(Deque<Object> pending, Object part) {
        if (part != null) {
            pending.add(part);
        }
    }

    private static void admit(Object node, Class<?> type) {
        if (node instanceof NextValExpression) {
            throw ReadOnlyStatement.refused("NEXT VALUE FOR advances a sequence");
        }
        if (node instanceof ForMode) {
            throw ReadOnlyStatement.refused("FOR UPDATE / FOR SHARE locks rows");
        }
        if (node instanceof PlainSelect select && (select.getIntoTables() != null && !select.getIntoTables().isEmpty()
                || select.getIntoTempTable() != null)) {
            throw ReadOnlyStatement.refused("SELECT ... INTO writes a table");
        }
        String name = type.getName();
        if (!name.startsWith(PACKAGE) || !CONSTRUCTS.contains(name.substring(PACKAGE.length()))) {
            throw ReadOnlyStatement.refused(describe(node) + " is not among the read-only constructs query runs");
        }
        if (node instanceof Function function && !(node instanceof TableFunction)) { // a table function holds the function it calls
            admitFunction(function);
        }
    }

    private static void admitFunction(Function function) {
        List<String> parts = function.getMultipartName() == null ? List.of(function.getName()) : function.getMultipartName();
        String name = ReadOnlyStatement.unquoted(parts.get(parts.size() - 1));
        boolean qualifiedElsewhere = parts.size() > 1
                && !(parts.size() == 2 && CATALOG_SCHEMAS.contains(ReadOnlyStatement.unquoted(parts.get(0))));
        if (name.equals("nextval") || name.equals("setval") || name.equals("currval") || name.equals("lastval")) {
            throw ReadOnlyStatement.refused(name + "() is a sequence function");
        }
        if (qualifiedElsewhere || !FUNCTIONS.contains(name)) {
            throw ReadOnlyStatement.refused("the function " + function.getName() + "() is not among the read-only "
                    + "functions query runs (aggregates, window, string, number, date-time, JSON reading)");
        }
    }

    private static String describe(Object node) {
        String kind = node.getClass().getSimpleName().replace("Parenthesed", "");
        String text = node instanceof Enum<?> ? node.toString() : kind;
        return text.equals(kind) ? kind.toUpperCase(Locale.ROOT) : kind + " " + text;
    }

    /** Literal values inside nodes (names, numbers, flags) and the parser's own bookkeeping, which holds no SQL of its own. */
    private static boolean isValue(Object node) {
        return node instanceof CharSequence || node instanceof Number || node instanceof Boolean
                || node instanceof Character || node.getClass().getName().startsWith(PACKAGE + "parser.");
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> fields = new java.util.ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        });
    }
}
