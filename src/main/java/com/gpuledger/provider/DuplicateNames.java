package com.gpuledger.provider;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The names an object of a body gives twice with different values. A JSON tree keeps the last of them without a word,
 * so the provider's other value would never be seen: the parser must know, to refuse a counter it cannot tell and to
 * leave a descriptive field unread. Found by one streaming pass, keyed by the object's {@code id}.
 */
final class DuplicateNames {

    private DuplicateNames() {
    }

    /** Per instance id (every id the object gives), the names it gives twice with different values. */
    static Map<String, Set<String>> byInstanceId(JsonMapper mapper, String body) {
        Map<String, Set<String>> duplicates = new HashMap<>();
        Deque<Frame> frames = new ArrayDeque<>();
        String pending = null;
        try (JsonParser parser = mapper.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case PROPERTY_NAME -> pending = parser.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        record(frames.peek(), pending, token == JsonToken.START_OBJECT ? "{...}" : "[...]");
                        pending = null;
                        frames.push(new Frame());
                    }
                    case END_OBJECT, END_ARRAY -> {
                        Frame frame = frames.pop();
                        if (!frame.duplicated.isEmpty()) {
                            frame.ids.forEach(id -> duplicates.computeIfAbsent(id, key -> new LinkedHashSet<>())
                                    .addAll(frame.duplicated));
                        }
                    }
                    default -> {
                        record(frames.peek(), pending, parser.getString());
                        pending = null;
                    }
                }
            }
        } catch (JacksonException e) {
            // the tree was read from the same body: nothing more to learn here
        }
        return duplicates;
    }

    private static void record(Frame frame, String name, String value) {
        if (frame == null || name == null) {
            return;
        }
        if ("id".equals(name) && value != null) {
            frame.ids.add(value.trim());
        }
        String before = frame.values.putIfAbsent(name, String.valueOf(value));
        // two containers under one name are never the same value as far as a reader of one of them knows
        if (before != null && (!before.equals(String.valueOf(value)) || before.equals("{...}") || before.equals("[...]"))) {
            frame.duplicated.add(name);
        }
    }

    private static final class Frame {
        final Map<String, String> values = new HashMap<>();
        final Set<String> duplicated = new LinkedHashSet<>();
        final Set<String> ids = new LinkedHashSet<>();
    }
}
