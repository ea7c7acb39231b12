package com.gpuledger.provider;

import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads provider bodies with every fractional number as a BigDecimal, so no amount ever passes through a double. */
final class ProviderJson {

    /**
     * Looser than Jackson's defaults (numbers of 1,000 digits, names of 50,000 characters, nesting 500 deep), which
     * refuse a whole body for one odd field: the body is bounded by {@code LEDGER_API_MAX_BODY}, and what a field's
     * value holds is judged by the parser, field by field. Numbers stay bounded so that reading one stays cheap.
     */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNumberLength(10_000)
            .maxNameLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNestingDepth(2_000)
            .build();

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
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
            throw new ProviderFailedStatusException("provider answered status '" + ProviderText.cut(status, 40) + "'"
                    + (message.isBlank() ? "" : ": " + ProviderText.quoted(message, 200)));
        }
        return root;
    }

    /** Per instance id, the names its object gives twice with different values (see {@link DuplicateNames}). */
    static Map<String, Set<String>> duplicateNames(String body) {
        return DuplicateNames.byInstanceId(MAPPER, body);
    }
}
