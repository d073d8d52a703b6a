package dev.switchboard.router.topology;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.router.TicketAssigner;
import dev.switchboard.router.assignment.AgentProfile;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of assignment for the team: agents and presence are keyed by agent id; assignment
 * state is keyed by routing group. The directory ({@code assign-directory}: agent → latest record,
 * {@code assign-presence}: agent → latest presence) re-keys both by the agent's group. An agent
 * that moves or is removed (a tombstone) is also sent to its old group as a copy naming the new
 * group (empty when removed), which tells the old group to let the agent go. An agent that arrives
 * in a group brings its presence along.
 *
 * <p>Agents and presence must have the same number of partitions (both 1 by default), so an
 * agent's record and presence meet in one task.
 */
public final class AgentGroups {
    private static final Logger log = LoggerFactory.getLogger(AgentGroups.class);

    private AgentGroups() {}

    /** Agent records → (group, agent). */
    public static final class Agents implements Processor<String, Agent, String, SpecificRecord> {
        private ProcessorContext<String, SpecificRecord> context;
        private KeyValueStore<String, Agent> directory;
        private KeyValueStore<String, AgentPresence> presence;

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            this.context = context;
            this.directory = context.getStateStore(TicketAssigner.DIRECTORY_STORE);
            this.presence = context.getStateStore(TicketAssigner.PRESENCE_STORE);
        }

        @Override
        public void process(Record<String, Agent> record) {
            Agent agent = record.value();
            String id = agent == null ? record.key() : agent.getId();
            if (id == null) {
                return;
            }
            Agent before = directory.get(id);
            if (agent == null) {
                if (before != null) {
                    directory.delete(id);
                    context.forward(record.withKey(before.getRoutingGroup()).withValue(leaving(before, "")));
                    log.info("Agent {} removed from routing group {}", id, before.getRoutingGroup());
                }
                return;
            }
            // Fails (and becomes a dead letter) when the record cannot be used: zone, shifts, holidays.
            AgentProfile.of(agent);
            directory.put(id, agent);
            boolean moved = before != null && !before.getRoutingGroup().equals(agent.getRoutingGroup());
            if (moved) {
                context.forward(
                        record.withKey(before.getRoutingGroup()).withValue(leaving(before, agent.getRoutingGroup())));
            }
            context.forward(record.withKey(agent.getRoutingGroup()).withValue(agent));
            AgentPresence known = presence.get(id);
            if ((before == null || moved) && known != null) {
                context.forward(record.withKey(agent.getRoutingGroup()).withValue(known));
            }
        }

        private static Agent leaving(Agent agent, String newGroup) {
            return Agent.newBuilder(agent)
                    .setRoutingGroup(newGroup)
                    .setActive(false)
                    .build();
        }
    }

    /** Presence reports → (the agent's group, presence). */
    public static final class Presence implements Processor<String, AgentPresence, String, SpecificRecord> {
        private ProcessorContext<String, SpecificRecord> context;
        private KeyValueStore<String, Agent> directory;
        private KeyValueStore<String, AgentPresence> presence;

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            this.context = context;
            this.directory = context.getStateStore(TicketAssigner.DIRECTORY_STORE);
            this.presence = context.getStateStore(TicketAssigner.PRESENCE_STORE);
        }

        @Override
        public void process(Record<String, AgentPresence> record) {
            AgentPresence p = record.value();
            if (p == null) {
                return;
            }
            presence.put(p.getAgentId(), p);
            Agent agent = directory.get(p.getAgentId());
            if (agent == null) {
                log.debug("Presence of {} before the agent is known: kept for when it arrives", p.getAgentId());
                return;
            }
            context.forward(record.withKey(agent.getRoutingGroup()).withValue(p));
        }
    }
}
