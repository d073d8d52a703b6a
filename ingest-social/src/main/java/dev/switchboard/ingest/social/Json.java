package dev.switchboard.ingest.social;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.events.DeadLetterReason;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lenient, null-free reading of webhook JSON: absent, null and blank all read as empty. */
final class Json {
    // Epoch values below this are seconds (WhatsApp, some Meta test payloads), above it milliseconds.
    private static final long SECONDS_LIMIT = 100_000_000_000L;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** The body as a JSON object, or the problem that stops it from being one. */
    static Result read(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                return new Result(null, new ParsedWebhook.Problem(DeadLetterReason.INVALID_JSON, "the body is empty"));
            }
            if (!root.isObject()) {
                return new Result(
                        null,
                        new ParsedWebhook.Problem(
                                DeadLetterReason.UNKNOWN_SHAPE,
                                "the body is a JSON "
                                        + root.getNodeType().name().toLowerCase() + ", not an object"));
            }
            return new Result(root, null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            return new Result(
                    null,
                    new ParsedWebhook.Problem(
                            DeadLetterReason.INVALID_JSON, "not valid JSON" + where + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            // Bytes that are not UTF-8 surface here as a CharConversionException.
            return new Result(
                    null,
                    new ParsedWebhook.Problem(DeadLetterReason.INVALID_JSON, "not valid JSON: " + e.getMessage()));
        }
    }

    record Result(JsonNode root, ParsedWebhook.Problem problem) {}

    /** A scalar field as text (numbers too, e.g. ids sent as numbers); empty when absent, null or blank. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        String text = value.asText();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A nested object, or empty when absent or not an object. */
    static Optional<JsonNode> object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isObject() ? Optional.of(value) : Optional.empty();
    }

    /** The elements of an array field; empty when absent or not an array. */
    static List<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }

    static boolean flag(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && (value.asBoolean(false) || "true".equalsIgnoreCase(value.asText()));
    }

    /**
     * An epoch timestamp written as a number or a numeric string, in seconds or milliseconds
     * (platforms use both); empty when absent or not a number.
     */
    static Optional<Instant> epoch(JsonNode node, String field) {
        Optional<String> text = text(node, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.get().trim());
            if (value <= 0) {
                return Optional.empty();
            }
            return Optional.of(value < SECONDS_LIMIT ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-26T09:30:00Z}) or an epoch number; empty when neither. */
    static Optional<Instant> instant(JsonNode node, String field) {
        Optional<Instant> epoch = epoch(node, field);
        if (epoch.isPresent()) {
            return epoch;
        }
        try {
            return text(node, field).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The field names of an object, for problem details that say what was there instead. */
    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }
}
