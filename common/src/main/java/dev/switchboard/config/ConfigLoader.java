package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads a service's YAML configuration file into an immutable record.
 *
 * <p>Keys are kebab-case ({@code max-message-size}); {@code ${VAR}} and {@code ${VAR:-default}}
 * in values are replaced from the environment, so secrets stay out of files. Unknown keys,
 * wrong types and failed validations stop the service at start with the file, the path of the
 * key and what was expected. Durations read {@code 15m}, {@code 7d} or ISO-8601; sizes read
 * {@code 25MB}; time zones are IANA ids.
 */
public final class ConfigLoader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> env;
    private final ObjectMapper mapper;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.mapper = configMapper(YAMLMapper.builder().build());
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** The mapper every config file (and the JSON the CLI accepts) goes through. */
    public static ObjectMapper configMapper(ObjectMapper base) {
        SimpleModule units = new SimpleModule("switchboard-units");
        units.addDeserializer(Duration.class, new FromText<>("a duration", Durations::parse));
        units.addDeserializer(DataSize.class, new FromText<>("a size", DataSize::parse));
        units.addDeserializer(ZoneId.class, new FromText<>("an IANA time zone such as Europe/London", ZoneId::of));
        units.setDeserializerModifier(new KebabEnums());
        return base.copy()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(units)
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, true);
    }

    public <T> T load(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        return parse(file.toString(), text, type);
    }

    /** Parses configuration text; {@code source} names it in error messages. */
    public <T> T parse(String source, String text, Class<T> type) {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    source + ": not valid YAML at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + ")");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = mapper.createObjectNode();
        }
        JsonNode resolved = interpolate(source, tree, "");
        try {
            return mapper.treeToValue(resolved, type);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private JsonNode interpolate(String source, JsonNode node, String path) {
        if (node.isTextual()) {
            return TextNode.valueOf(substitute(source, node.asText(), path));
        }
        if (node.isObject()) {
            ObjectNode copy = mapper.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                copy.set(field.getKey(), interpolate(source, field.getValue(), child));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = mapper.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(interpolate(source, node.get(i), path + "[" + i + "]"));
            }
            return copy;
        }
        return node;
    }

    private String substitute(String source, String value, String path) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = env.get(name);
            if (replacement == null || (replacement.isEmpty() && m.group(2) != null)) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                throw new ConfigException(source + ": " + path + ": environment variable " + name
                        + " is not set (write ${" + name + ":-default} to give a default)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String describe(JsonMappingException e) {
        String path = path(e.getPath());
        String where = path.isEmpty() ? "top level" : path;
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null
                    ? ""
                    : u.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "));
            return where + ": unknown key '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : "; expected one of: " + known);
        }
        if (e instanceof InvalidFormatException f) {
            return where + ": expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        Throwable root = rootCause(e);
        if (e instanceof ValueInstantiationException || root instanceof IllegalArgumentException) {
            return where + ": " + root.getMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return where + ": expected " + typeName(m.getTargetType()) + " (" + e.getOriginalMessage() + ")";
        }
        return where + ": " + e.getOriginalMessage();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            }
        }
        return b.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(c.toString().toLowerCase().replace('_', '-'));
            }
            return "one of " + String.join(", ", names);
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (type == String.class) {
            return "text";
        }
        return "a " + type.getSimpleName();
    }

    /** Reads a scalar written as text with a parser that explains what it expected. */
    private static final class FromText<T> extends JsonDeserializer<T> {
        private final String what;
        private final java.util.function.Function<String, T> parser;

        FromText(String what, java.util.function.Function<String, T> parser) {
            this.what = what;
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return ctxt.reportInputMismatch(this, "expected %s", what);
            }
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                String message = e instanceof IllegalArgumentException && e.getMessage() != null
                        ? e.getMessage()
                        : "expected " + what + ", got '" + text + "'";
                throw JsonMappingException.from(p, message, e);
            }
        }
    }

    /** Enum values are written in kebab-case in files ({@code mark-seen} for {@code MARK_SEEN}). */
    private static final class KebabEnums extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(
                DeserializationConfig config,
                JavaType type,
                BeanDescription beanDesc,
                JsonDeserializer<?> deserializer) {
            Class<?> raw = type.getRawClass();
            return new JsonDeserializer<Object>() {
                @Override
                public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    String text = p.getValueAsString();
                    if (text != null) {
                        String name =
                                text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
                        for (Object constant : raw.getEnumConstants()) {
                            if (((Enum<?>) constant).name().equals(name)) {
                                return constant;
                            }
                        }
                    }
                    return ctxt.handleWeirdStringValue(raw, text, "not one of the values accepted");
                }
            };
        }
    }

    /** For tests and callers that already hold a JSON mapper. */
    public static ObjectMapper jsonConfigMapper() {
        return configMapper(JsonMapper.builder().build());
    }
}
