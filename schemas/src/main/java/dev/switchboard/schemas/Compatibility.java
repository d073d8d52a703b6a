package dev.switchboard.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Whether a new version of an event schema can replace the previous one: new readers must read
 * old records (backward) and old readers must read new records (forward).
 */
public final class Compatibility {
    private Compatibility() {}

    /** The problems found; empty when the change is compatible both ways. */
    public static List<String> problems(Schema previous, Schema current) {
        List<String> problems = new ArrayList<>();
        collect("backward (new reader, old data)", current, previous, problems);
        collect("forward (old reader, new data)", previous, current, problems);
        return problems;
    }

    private static void collect(String direction, Schema reader, Schema writer, List<String> problems) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility i : result.getIncompatibilities()) {
            problems.add(direction + ": " + i.getType() + " at " + i.getLocation() + ": " + i.getMessage());
        }
    }

    /** Names of enums in the schema that have no default symbol. */
    public static List<String> enumsWithoutDefault(Schema schema) {
        List<String> out = new ArrayList<>();
        walk(schema, new ArrayList<>(), out);
        return out;
    }

    private static void walk(Schema schema, List<String> seen, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.contains(schema.getFullName())) {
                    return;
                }
                seen.add(schema.getFullName());
                schema.getFields().forEach(f -> walk(f.schema(), seen, out));
            }
            case ENUM -> {
                if (schema.getEnumDefault() == null && !out.contains(schema.getFullName())) {
                    out.add(schema.getFullName());
                }
            }
            case UNION -> schema.getTypes().forEach(t -> walk(t, seen, out));
            case ARRAY -> walk(schema.getElementType(), seen, out);
            case MAP -> walk(schema.getValueType(), seen, out);
            default -> {}
        }
    }
}
