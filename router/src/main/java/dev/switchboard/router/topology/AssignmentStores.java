package dev.switchboard.router.topology;

import dev.switchboard.router.TicketAssigner;
import dev.switchboard.schemas.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Assignment's stores, each changelogged under its explicit name, so a restarted or moved task
 * resumes from the last commit: the directories that re-key tickets and agents by routing group,
 * and the group state ({@link dev.switchboard.router.assignment.AssignmentState}).
 */
public final class AssignmentStores {
    private AssignmentStores() {}

    public static void addTo(StreamsBuilder builder) {
        add(builder, TicketAssigner.TICKET_GROUPS_STORE, Serdes.String());
        add(builder, TicketAssigner.DIRECTORY_STORE, Topics.AGENT_SERDE);
        add(builder, TicketAssigner.PRESENCE_STORE, Topics.PRESENCE_SERDE);
        add(builder, TicketAssigner.AGENTS_STORE, StateJson.AGENTS);
        add(builder, TicketAssigner.TICKETS_STORE, StateJson.TICKETS);
        add(builder, TicketAssigner.QUEUE_STORE, Serdes.String());
        add(builder, TicketAssigner.BUCKETS_STORE, Serdes.Long());
        add(builder, TicketAssigner.CUSTOMERS_STORE, Serdes.String());
        add(builder, TicketAssigner.WAKEUPS_STORE, Serdes.String());
    }

    private static <V> void add(StreamsBuilder builder, String name, Serde<V> values) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values));
    }
}
