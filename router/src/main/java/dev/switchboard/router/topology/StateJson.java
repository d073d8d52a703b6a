package dev.switchboard.router.topology;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.switchboard.events.Agent;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.router.assignment.AgentRecord;
import dev.switchboard.router.assignment.TicketRecord;
import dev.switchboard.schemas.AvroSerde;
import java.io.IOException;
import java.util.Base64;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Assignment's own state ({@link AgentRecord}, {@link TicketRecord}) as JSON in its stores and
 * changelogs: internal to the router, readable when debugging, and forgiving of fields it does not
 * know (a rollback reads a newer version's state). The Avro records inside (the agent, the ticket
 * summary) are kept in the event contract's encoding, base64, so they evolve with the contract.
 */
public final class StateJson<T> implements Serde<T> {
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // The state is the fields, not the accessors.
            .visibility(PropertyAccessor.GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.SETTER, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .addModule(new SimpleModule("switchboard-avro")
                    .addSerializer(Agent.class, new AvroOut<>(AvroSerde.of(Agent.class)))
                    .addDeserializer(Agent.class, new AvroIn<>(AvroSerde.of(Agent.class)))
                    .addSerializer(TicketSummary.class, new AvroOut<>(AvroSerde.of(TicketSummary.class)))
                    .addDeserializer(TicketSummary.class, new AvroIn<>(AvroSerde.of(TicketSummary.class))))
            .build();

    public static final StateJson<AgentRecord> AGENTS = new StateJson<>(AgentRecord.class);
    public static final StateJson<TicketRecord> TICKETS = new StateJson<>(TicketRecord.class);

    private final Class<T> type;

    private StateJson(Class<T> type) {
        this.type = type;
    }

    public byte[] encode(T value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " state", e);
        }
    }

    public T decode(String topic, byte[] bytes) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new SerializationException(
                    "Cannot read " + type.getSimpleName() + " state from " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
    }

    private static final class AvroOut<R extends SpecificRecord> extends JsonSerializer<R> {
        private final AvroSerde<R> serde;

        AvroOut(AvroSerde<R> serde) {
            this.serde = serde;
        }

        @Override
        public void serialize(R value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(Base64.getEncoder().encodeToString(serde.encode(value)));
        }
    }

    private static final class AvroIn<R extends SpecificRecord> extends JsonDeserializer<R> {
        private final AvroSerde<R> serde;

        AvroIn(AvroSerde<R> serde) {
            this.serde = serde;
        }

        @Override
        public R deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return serde.decode("state", Base64.getDecoder().decode(p.getValueAsString()));
        }
    }
}
