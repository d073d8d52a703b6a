package dev.switchboard.schemas;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The top-level event types: the value type of every topic. */
public final class EventTypes {
    private EventTypes() {}

    public static List<Class<? extends SpecificRecord>> all() {
        return Topics.DEFAULT.all().stream()
                .<Class<? extends SpecificRecord>>map(t -> ((AvroSerde<?>) t.valueSerde()).type())
                .distinct()
                .toList();
    }
}
