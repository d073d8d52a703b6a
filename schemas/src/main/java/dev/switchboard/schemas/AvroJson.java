package dev.switchboard.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro values as plain JSON for people: records are objects, unions are their value (not Avro's
 * {@code {"type": value}} wrapping), enums are their symbol, timestamps are ISO-8601 instants,
 * times and dates ISO local values, bytes base64. Strings stay real Unicode.
 */
public final class AvroJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroJson() {}

    public static JsonNode toJson(Object value) {
        if (value instanceof GenericContainer container) {
            return toJson(value, container.getSchema());
        }
        return plain(value);
    }

    private static JsonNode toJson(Object value, Schema schema) {
        if (value == null) {
            return JSON.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> record((IndexedRecord) value);
            case UNION -> toJson(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case ARRAY -> array((Collection<?>) value, schema.getElementType());
            case MAP -> map((Map<?, ?>) value, schema.getValueType());
            default -> plain(value);
        };
    }

    private static ObjectNode record(IndexedRecord record) {
        ObjectNode node = JSON.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        return node;
    }

    private static ArrayNode array(Collection<?> values, Schema element) {
        ArrayNode node = JSON.arrayNode();
        values.forEach(v -> node.add(toJson(v, element)));
        return node;
    }

    private static ObjectNode map(Map<?, ?> values, Schema valueSchema) {
        ObjectNode node = JSON.objectNode();
        values.forEach((k, v) -> node.set(k.toString(), toJson(v, valueSchema)));
        return node;
    }

    private static JsonNode plain(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof GenericData.EnumSymbol) {
            return JSON.textNode(value.toString());
        }
        if (value instanceof Instant || value instanceof LocalTime || value instanceof LocalDate) {
            return JSON.textNode(value.toString());
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Float f) {
            return JSON.numberNode(f);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof byte[] bytes) {
            return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof GenericContainer container) {
            return toJson(value, container.getSchema());
        }
        return JSON.textNode(value.toString());
    }
}
