package dev.switchboard.router.topology;

import dev.switchboard.events.Customer;
import dev.switchboard.router.TicketRouter;
import dev.switchboard.router.config.Windows;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The router's state: the stores its processors own (changelogged, so a restarted or moved task
 * resumes exactly where the last commit left it) and the two global stores every task reads.
 */
public final class RouterStores {
    private RouterStores() {}

    public static void addTo(StreamsBuilder builder, Topics topics, Windows windows) {
        // Retention bounds the dedupe store: ids older than the window drop out with their segment.
        Duration retention = windows.dedupe().multipliedBy(2);
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(TicketRouter.DEDUPE_STORE, retention, Duration.ofMillis(1), false),
                Serdes.String(),
                Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TicketRouter.TICKETS_STORE), Serdes.String(), new TicketStateSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TicketRouter.CONVERSATIONS_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TicketRouter.COUNTER_STORE), Serdes.String(), Serdes.Long()));
        // The ticket topic is its source: a global store has no changelog of its own.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(TicketRouter.INDEX_STORE),
                                Serdes.String(),
                                Serdes.String())
                        .withLoggingDisabled(),
                topics.ticketEvents().name(),
                Consumed.with(
                                topics.ticketEvents().keySerde(),
                                topics.ticketEvents().valueSerde())
                        .withName("ticket-events-for-index"),
                () -> new TicketIndex.Updater(TicketRouter.INDEX_STORE, windows.index()));
        builder.globalTable(
                topics.customers().name(),
                Consumed.with(topics.customers().keySerde(), topics.customers().valueSerde())
                        .withName("customers"),
                Materialized.<String, Customer, KeyValueStore<Bytes, byte[]>>as(TicketRouter.CUSTOMERS_STORE)
                        .withKeySerde(topics.customers().keySerde())
                        .withValueSerde(topics.customers().valueSerde()));
    }
}
