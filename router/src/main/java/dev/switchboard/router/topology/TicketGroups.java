package dev.switchboard.router.topology;

import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.router.TicketAssigner;
import dev.switchboard.router.assignment.AssignmentEngine;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of assignment, on the ticket's partition: which routing group is each ticket in? The
 * router's events name it in their summary; the helpdesk's and the SLA monitor's do not, so the
 * group is remembered ({@code assign-ticket-groups}: ticket → group and the last SLA due time
 * forwarded) and every event is re-keyed by its group for the repartition to the group's task. A
 * ticket whose group changes is also sent to its old group, which lets it go.
 */
public final class TicketGroups {
    private static final Logger log = LoggerFactory.getLogger(TicketGroups.class);
    private static final char SEP = '\u0001';
    /** The router's own assignment decisions come back on the topic: nothing to do with them. */
    private static final Set<TicketEventType> DECISIONS =
            Set.of(TicketEventType.ASSIGNED, TicketEventType.QUEUED, TicketEventType.UNASSIGNED);

    private TicketGroups() {}

    /** Ticket events → (group, event). */
    public static final class Events implements Processor<String, TicketEvent, String, SpecificRecord> {
        private ProcessorContext<String, SpecificRecord> context;
        private KeyValueStore<String, String> groups;

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            this.context = context;
            this.groups = context.getStateStore(TicketAssigner.TICKET_GROUPS_STORE);
        }

        @Override
        public void process(Record<String, TicketEvent> record) {
            TicketEvent e = record.value();
            if (e == null || e.getTicketId() == null || ownDecision(e)) {
                return;
            }
            String id = e.getTicketId();
            Entry known = Entry.decode(groups.get(id));
            if (e.getTicket() != null) {
                String group = e.getTicket().getRoutingGroup();
                if (known != null && !known.group().equals(group)) {
                    // The old group lets the ticket go when it sees a summary naming another group.
                    context.forward(record.withKey(known.group()).withValue(e));
                }
                if (known == null || !known.group().equals(group)) {
                    groups.put(id, new Entry(group, 0).encode());
                }
                context.forward(record.withKey(group).withValue(e));
                return;
            }
            if (known == null) {
                log.debug("{} of unknown ticket {} from {}: no routing group", e.getType(), id, e.getOrigin());
                return;
            }
            context.forward(record.withKey(known.group()).withValue(e));
            if (e.getType() == TicketEventType.MERGED
                    || (e.getType() == TicketEventType.STATUS_CHANGED && e.getStatus() == TicketStatus.CLOSED)) {
                groups.delete(id);
            }
        }

        private static boolean ownDecision(TicketEvent e) {
            return e.getOrigin() == EventOrigin.ROUTER
                    && (DECISIONS.contains(e.getType())
                            || AssignmentEngine.STAGE_VALUE.equals(
                                    e.getAttributes().get(AssignmentEngine.STAGE)));
        }
    }

    /** SLA statuses → (group, status), only when the earliest due time changed. */
    public static final class Sla implements Processor<String, SlaStatus, String, SpecificRecord> {
        private ProcessorContext<String, SpecificRecord> context;
        private KeyValueStore<String, String> groups;

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            this.context = context;
            this.groups = context.getStateStore(TicketAssigner.TICKET_GROUPS_STORE);
        }

        @Override
        public void process(Record<String, SlaStatus> record) {
            SlaStatus s = record.value();
            if (s == null) {
                return;
            }
            Entry known = Entry.decode(groups.get(s.getTicketId()));
            long due = AssignmentEngine.earliestDue(s);
            if (known == null || known.due() == due) {
                return;
            }
            groups.put(s.getTicketId(), new Entry(known.group(), due).encode());
            context.forward(record.withKey(known.group()).withValue(s));
        }
    }

    /** The stored value: the ticket's group and the last due time forwarded (0 = none). */
    record Entry(String group, long due) {
        String encode() {
            return group + SEP + due;
        }

        static Entry decode(String value) {
            if (value == null) {
                return null;
            }
            int i = value.lastIndexOf(SEP);
            return new Entry(value.substring(0, i), Long.parseLong(value.substring(i + 1)));
        }
    }
}
