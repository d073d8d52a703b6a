package dev.switchboard.sla;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The SLA monitor's own state (a ticket's clocks) as JSON in its store and changelog. Internal to
 * this service, so not part of the Avro contract; readable in the changelog when debugging.
 * Unknown fields are ignored so an older version can read a newer one's state after a rollback.
 */
final class TicketStateSerde implements Serde<TicketSla> {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // The state is the fields, not the domain methods.
            .visibility(PropertyAccessor.GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.SETTER, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .build();

    @Override
    public Serializer<TicketSla> serializer() {
        return (topic, ticket) -> {
            if (ticket == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(ticket);
            } catch (IOException e) {
                throw new SerializationException("Cannot write the SLA state of " + ticket.ticketId(), e);
            }
        };
    }

    @Override
    public Deserializer<TicketSla> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, TicketSla.class);
            } catch (IOException e) {
                throw new SerializationException("Cannot read SLA state from " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
