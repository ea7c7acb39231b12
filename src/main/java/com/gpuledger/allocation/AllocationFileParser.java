package com.gpuledger.allocation;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.gpuledger.report.CostAllocation;

/**
 * Reads an allocation file with SnakeYAML's composer, which keeps the line of every node, and checks it strictly: an
 * unknown or repeated key, a value of the wrong shape, a regex that does not compile, a rule that sets nothing or a
 * budget without an amount is an {@link AllocationFileException} naming the line. Scalars are read as text, so an
 * amount keeps its exact decimal value and {@code on}/{@code no} are never booleans.
 */
final class AllocationFileParser {

    static final Set<String> MATCH_KEYS = Set.of("host_name", "host_name_regex", "instance_id", "region", "gpu_type",
            "instance_type");
    static final Set<String> SET_KEYS = Set.of("cost_center", "team", "project", "environment");
    private static final Set<String> ROOT_KEYS = Set.of("rules", "budgets");
    private static final Set<String> RULE_KEYS = Set.of("name", "match", "set");
    private static final Set<String> BUDGET_KEYS = Set.of("cost_center", "team", "account", "monthly_usd", "from", "warn_at");
    private static final BigDecimal DEFAULT_WARN_AT = new BigDecimal("0.8");
    private static final int MAX_VALUE_LENGTH = 255;

    private final String source;

    private AllocationFileParser(String source) {
        this.source = source;
    }

    /** @param source the file's name, for the messages */
    static AllocationRules parse(String source, String content) {
        return new AllocationFileParser(source).parse(content);
    }

    private AllocationRules parse(String content) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(content));
        } catch (MarkedYAMLException e) {
            throw new AllocationFileException(source, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "not valid YAML: " + (e.getProblem() == null ? e.getMessage().lines().findFirst().orElse("") : e.getProblem()));
        } catch (YAMLException e) {
            throw new AllocationFileException(source, 0, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) {
            return AllocationRules.NONE;
        }
        Map<String, Node> keys = mapping(root, "the file", ROOT_KEYS);
        List<AllocationRule> rules = new ArrayList<>();
        if (keys.containsKey("rules")) {
            for (Node rule : sequence(keys.get("rules"), "rules")) {
                rules.add(rule(rule, rules.size() + 1));
            }
        }
        List<Budget> budgets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (keys.containsKey("budgets")) {
            for (Node node : sequence(keys.get("budgets"), "budgets")) {
                Budget budget = budget(node);
                if (!seen.add(budget.label() + "@" + budget.from())) {
                    throw fail(node, "a second budget for " + budget.label() + (budget.from() == null ? "" : " from " + budget.from()));
                }
                budgets.add(budget);
            }
        }
        return new AllocationRules(rules, budgets);
    }

    private AllocationRule rule(Node node, int number) {
        Map<String, Node> keys = mapping(node, "a rule", RULE_KEYS);
        String name = keys.containsKey("name") ? text(keys.get("name"), "name") : null;
        if (!keys.containsKey("match")) {
            throw fail(node, "rule " + number + " has no 'match:' (use 'match: {}' to match every instance)");
        }
        if (!keys.containsKey("set")) {
            throw fail(node, "rule " + number + " has no 'set:' of " + sorted(SET_KEYS));
        }
        Map<String, Node> match = mapping(keys.get("match"), "match", MATCH_KEYS);
        List<Pattern> regexes = new ArrayList<>();
        for (ScalarNode regex : values(match.get("host_name_regex"), "host_name_regex")) {
            try {
                regexes.add(Pattern.compile(regex.getValue()));
            } catch (PatternSyntaxException e) {
                throw fail(regex, "host_name_regex '" + regex.getValue() + "' does not compile: " + e.getDescription()
                        + " (an RE2 regex: no backreferences, no lookaround, so that no rule can backtrack for hours)");
            }
        }
        List<String> globs = texts(match.get("host_name"), "host_name");
        for (int i = 0; i < globs.size(); i++) {
            if (globs.get(i).matches(".*[?\\[\\]{}].*")) {
                throw fail(values(match.get("host_name"), "host_name").get(i), "host_name '" + globs.get(i)
                        + "': a glob here knows only '*'; write a host_name_regex for more");
            }
        }
        RuleCriteria criteria = new RuleCriteria(globs, regexes, texts(match.get("instance_id"), "instance_id"),
                texts(match.get("region"), "region"), texts(match.get("gpu_type"), "gpu_type"),
                texts(match.get("instance_type"), "instance_type"));
        Map<String, Node> set = mapping(keys.get("set"), "set", SET_KEYS);
        if (set.isEmpty()) {
            throw fail(keys.get("set"), "rule " + number + " sets nothing: give a cost_center, and any of team, project, environment");
        }
        if (!set.containsKey("cost_center")) {
            throw fail(keys.get("set"), "rule " + number + " sets no cost_center: every allocated instance has one");
        }
        String costCenter = text(set.get("cost_center"), "cost_center");
        if (CostAllocation.UNALLOCATED.equalsIgnoreCase(costCenter)) {
            throw fail(set.get("cost_center"), "cost_center '" + costCenter + "' is reserved for instances no rule matches");
        }
        CostAllocation allocation = new CostAllocation(costCenter,
                set.containsKey("team") ? text(set.get("team"), "team") : null,
                set.containsKey("project") ? text(set.get("project"), "project") : null,
                set.containsKey("environment") ? text(set.get("environment"), "environment") : null);
        return new AllocationRule(number, line(node), name, criteria, allocation);
    }

    private Budget budget(Node node) {
        Map<String, Node> keys = mapping(node, "a budget", BUDGET_KEYS);
        List<String> scopes = keys.keySet().stream().filter(key -> Set.of("cost_center", "team", "account").contains(key)).toList();
        if (scopes.size() != 1) {
            throw fail(node, "a budget names exactly one of cost_center, team or 'account: true'");
        }
        Budget.Scope scope = Budget.Scope.valueOf(scopes.get(0).toUpperCase(Locale.ROOT));
        String name = null;
        if (scope == Budget.Scope.ACCOUNT) {
            if (!"true".equals(text(keys.get("account"), "account"))) {
                throw fail(keys.get("account"), "account: must be true (a budget for the whole account)");
            }
        } else {
            name = text(keys.get(scopes.get(0)), scopes.get(0));
        }
        if (!keys.containsKey("monthly_usd")) {
            throw fail(node, "the budget for " + (name == null ? "the account" : name) + " has no monthly_usd");
        }
        BigDecimal monthly = decimal(keys.get("monthly_usd"), "monthly_usd");
        if (monthly.signum() <= 0) {
            throw fail(keys.get("monthly_usd"), "monthly_usd must be above 0, was " + monthly.toPlainString());
        }
        BigDecimal warnAt = keys.containsKey("warn_at") ? decimal(keys.get("warn_at"), "warn_at") : DEFAULT_WARN_AT;
        if (warnAt.signum() <= 0 || warnAt.compareTo(BigDecimal.ONE) > 0) {
            throw fail(keys.get("warn_at"), "warn_at is a share of the budget above 0 and at most 1, was " + warnAt.toPlainString());
        }
        YearMonth from = null;
        if (keys.containsKey("from")) {
            String month = text(keys.get("from"), "from");
            try {
                from = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                throw fail(keys.get("from"), "from is a month like 2026-11, was '" + month + "'");
            }
        }
        return new Budget(scope, name, monthly, from, warnAt, line(node));
    }

    /** A mapping's entries by key, refusing a key not in {@code known} and a repeated key. */
    private Map<String, Node> mapping(Node node, String what, Set<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            throw fail(node, what + " must be a mapping of " + sorted(known));
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw fail(tuple.getKeyNode(), "a key of " + what + " must be a plain name");
            }
            if (!known.contains(key.getValue())) {
                throw fail(key, "unknown key '" + key.getValue() + "' in " + what + " (known: " + sorted(known) + ")");
            }
            if (entries.put(key.getValue(), tuple.getValueNode()) != null) {
                throw fail(key, "key '" + key.getValue() + "' is given twice in " + what);
            }
        }
        return entries;
    }

    private List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            throw fail(node, what + " must be a list ('- ' items)");
        }
        return sequence.getValue();
    }

    /** A key's values: one scalar or a list of scalars; none when the key is absent. */
    private List<ScalarNode> values(Node node, String key) {
        if (node == null) {
            return List.of();
        }
        List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
        if (items.isEmpty()) {
            throw fail(node, key + " has an empty list");
        }
        List<ScalarNode> scalars = new ArrayList<>();
        for (Node item : items) {
            text(item, key);
            scalars.add((ScalarNode) item);
        }
        return scalars;
    }

    private List<String> texts(Node node, String key) {
        return values(node, key).stream().map(ScalarNode::getValue).toList();
    }

    private String text(Node node, String key) {
        if (!(node instanceof ScalarNode scalar)) {
            throw fail(node, key + " must be a single value");
        }
        String value = scalar.getValue().strip();
        if (value.isEmpty() || Tag.NULL.equals(scalar.getTag())) {
            throw fail(node, key + " has no value");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw fail(node, key + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return value;
    }

    private BigDecimal decimal(Node node, String key) {
        String value = text(node, key);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw fail(node, key + " must be a plain decimal number like 2500 or 0.75, was '" + value + "'");
        }
    }

    private AllocationFileException fail(Node node, String problem) {
        return new AllocationFileException(source, node == null ? 0 : line(node), problem);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }
}
