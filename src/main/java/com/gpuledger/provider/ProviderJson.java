package com.gpuledger.provider;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads provider bodies with every fractional number as a BigDecimal, so no amount ever passes through a double. */
final class ProviderJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ProviderJson() {
    }

    /** The envelope {@code {"data": ..., "status": "success"}}; anything else is an {@link InvalidPayloadException}. */
    static JsonNode envelope(String body, String contentType) {
        if (body == null || body.isBlank()) {
            throw new InvalidPayloadException("empty response body");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidPayloadException("response body is not JSON (" + (contentType == null ? "no content type" : contentType)
                    + ", " + body.length() + " characters" + (body.stripLeading().startsWith("<") ? ", an HTML page" : "") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPayloadException("response body is not a JSON object");
        }
        String status = root.path("status").asString("");
        if (!"success".equalsIgnoreCase(status)) {
            String message = root.path("message").asString("");
            throw new ProviderFailedStatusException("provider answered status '" + status + "'"
                    + (message.isBlank() ? "" : ": " + abbreviate(message)));
        }
        return root;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
