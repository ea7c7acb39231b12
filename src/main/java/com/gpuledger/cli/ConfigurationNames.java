package com.gpuledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import com.gpuledger.GpuLedgerApplication;
import com.gpuledger.run.UsageException;

/**
 * The environment variables a configuration may set, read from the configuration metadata on the classpath (this
 * jar's, generated from its {@code @ConfigurationProperties} records plus {@code additional-spring-configuration-metadata.json}
 * for what only the scripts read, and Spring Boot's own): a {@code LEDGER_*} or {@code SPRING_*} variable none of them
 * describes is a typo, refused before anything is opened. A property is spelled as an environment variable the two
 * ways Spring binds it ({@code ledger.fetch.rate-limit}: {@code LEDGER_FETCH_RATELIMIT}, {@code LEDGER_FETCH_RATE_LIMIT});
 * a map property ({@code spring.mail.properties}) takes any key after its name, a list one an index.
 */
final class ConfigurationNames {

    private static final List<String> METADATA = List.of("META-INF/spring-configuration-metadata.json",
            "META-INF/additional-spring-configuration-metadata.json");
    private static final List<String> CHECKED_PREFIXES = List.of("LEDGER_", "SPRING_");
    private static final String APPLICATION_PACKAGE = GpuLedgerApplication.class.getPackageName() + ".";
    private static final Pattern INDEX = Pattern.compile("[0-9]+(_.*)?");
    private static final Pattern SECRET = Pattern.compile("(?i)password|token|secret|webhook");

    private final Set<String> names;
    private final Set<String> mapPrefixes;
    private final Set<String> listPrefixes;
    private final Map<String, String> records;

    private ConfigurationNames(Set<String> names, Set<String> mapPrefixes, Set<String> listPrefixes, Map<String, String> records) {
        this.names = names;
        this.mapPrefixes = mapPrefixes;
        this.listPrefixes = listPrefixes;
        this.records = records;
    }

    /** Read once per process: the metadata of the jar does not change while it runs. */
    static ConfigurationNames fromClasspath() {
        return Holder.NAMES;
    }

    private static final class Holder {
        private static final ConfigurationNames NAMES = read();
    }

    private static ConfigurationNames read() {
        Set<String> names = new TreeSet<>();
        Set<String> mapPrefixes = new TreeSet<>();
        Set<String> listPrefixes = new TreeSet<>();
        Map<String, String> records = new TreeMap<>();
        ClassLoader loader = ConfigurationNames.class.getClassLoader();
        JsonFactory json = new JsonFactory();
        try {
            for (String resource : METADATA) {
                for (URL url : Collections.list(loader.getResources(resource))) {
                    try (InputStream in = url.openStream(); JsonParser parser = json.createParser(ObjectReadContext.empty(), in)) {
                        read(parser, names, mapPrefixes, listPrefixes, records);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration metadata", e);
        }
        return new ConfigurationNames(Collections.unmodifiableSet(names), Collections.unmodifiableSet(mapPrefixes),
                Collections.unmodifiableSet(listPrefixes),
                Collections.unmodifiableMap(records));
    }

    /**
     * Every variable of the {@code properties} array: its {@code name}, a prefix when its {@code type} is a map or
     * collection; and of the {@code groups}, this application's own records (a group that is no other's part).
     */
    private static void read(JsonParser parser, Set<String> names, Set<String> mapPrefixes, Set<String> listPrefixes, Map<String, String> records) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return;
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String section = parser.currentName();
            parser.nextToken();
            if (!section.equals("properties") && !section.equals("groups")) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> fields = new HashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String field = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING) {
                        fields.put(field, parser.getString());
                    } else {
                        parser.skipChildren();
                    }
                }
                String name = fields.get("name");
                String type = fields.getOrDefault("type", "");
                if (section.equals("groups")) {
                    if (name != null && type.startsWith(APPLICATION_PACKAGE) && !fields.containsKey("sourceMethod")) {
                        records.put(type, name);
                    }
                } else if (name != null) {
                    List<String> spellings = spellings(name);
                    names.addAll(spellings);
                    if (type.startsWith("java.util.Map")) {
                        spellings.forEach(spelling -> mapPrefixes.add(spelling + "_"));
                    } else if (type.startsWith("java.util.List") || type.startsWith("java.util.Set")
                            || type.startsWith("java.util.Collection") || type.endsWith("[]")) {
                        spellings.forEach(spelling -> listPrefixes.add(spelling + "_"));
                    }
                }
            }
        }
    }

    /** {@code ledger.fetch.rate-limit}: {@code LEDGER_FETCH_RATELIMIT} (Spring's canonical form) and {@code LEDGER_FETCH_RATE_LIMIT}. */
    static List<String> spellings(String property) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        String withoutDashes = upper.replace("-", "");
        String dashesAsUnderscores = upper.replace('-', '_');
        return withoutDashes.equals(dashesAsUnderscores) ? List.of(withoutDashes) : List.of(withoutDashes, dashesAsUnderscores);
    }

    /** A name whose value is a secret ({@code SPRING_DATASOURCE_PASSWORD}, {@code ledger.api.token}): named, never shown. */
    static boolean secret(String name) {
        return SECRET.matcher(name).find();
    }

    /**
     * This application's {@code @ConfigurationProperties} records, as the metadata names them: each record's class and
     * the prefix it binds at (two records may share one, {@code ledger}, each taking its own names under it).
     */
    Map<String, String> records() {
        return records;
    }

    /** A known name; under a map's name any key; under a list's name an index ({@code LEDGER_MAIL_TO_0}). */
    boolean knows(String variable) {
        return names.contains(variable) || mapPrefixes.stream().anyMatch(variable::startsWith)
                || listPrefixes.stream().anyMatch(prefix -> variable.startsWith(prefix)
                        && INDEX.matcher(variable.substring(prefix.length())).matches());
    }

    /** Exit 64 on the first (by name) {@code LEDGER_*} or {@code SPRING_*} variable the metadata does not know, naming the nearest known one. */
    void check(Map<String, String> environment) {
        environment.keySet().stream()
                .filter(variable -> CHECKED_PREFIXES.stream().anyMatch(variable::startsWith))
                .filter(variable -> !knows(variable))
                .sorted()
                .findFirst()
                .ifPresent(variable -> {
                    throw new UsageException(variable + ": unknown; did you mean " + nearest(variable) + "?");
                });
    }

    /** The known name with the fewest edits from {@code variable}; the first by name on a tie. */
    String nearest(String variable) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String known : names) {
            // no name whose length differs by more than the best distance so far can be nearer
            if (Math.abs(known.length() - variable.length()) < best) {
                int distance = distance(variable, known);
                if (distance < best) {
                    best = distance;
                    nearest = known;
                }
            }
        }
        return nearest;
    }

    /** Every exact name, both spellings of each property. */
    Set<String> names() {
        return names;
    }

    /** Edit distance counting an insertion, a deletion, a substitution and a swap of two neighbours ({@code ULR}) as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
