package dev.switchboard.router.assignment;

import dev.switchboard.agents.AgentMapper;
import dev.switchboard.agents.AgentsFile;
import dev.switchboard.calendar.Calendars;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Capacity;
import dev.switchboard.events.Channel;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.Escalation;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.IntentDecision;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.Priority;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.events.TimeRange;
import dev.switchboard.events.WeeklyPeriod;
import dev.switchboard.router.RouterFixtures;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Small factories for agents, presence and the router's ticket events, as assignment sees them. */
public final class AssignmentFixtures {
    private static final AtomicInteger EVENTS = new AtomicInteger();

    private AssignmentFixtures() {}

    /** The shipped assignment settings ({@code config/assignment.yaml}). */
    public static AssignmentSettings shippedSettings() {
        return AssignmentSettings.load(
                new ConfigLoader(Map.of()), RouterFixtures.configDir().resolve("assignment.yaml"));
    }

    /** The sample team of {@code config/agents.yaml}, with the holidays of {@code config/calendars.yaml}. */
    public static List<Agent> sampleTeam(Instant now) {
        ConfigLoader loader = new ConfigLoader(Map.of());
        AgentsFile file = loader.load(RouterFixtures.configDir().resolve("agents.yaml"), AgentsFile.class);
        Calendars calendars = Calendars.load(loader, RouterFixtures.configDir().resolve("calendars.yaml"));
        AgentMapper mapper =
                new AgentMapper(name -> calendars.find(name).map(c -> List.copyOf(calendars.holidays(name))));
        return mapper.agents(file, now);
    }

    public static TestAgent agent(String id) {
        return new TestAgent(id);
    }

    /** An agent in routing group "default", team "support", every intent and channel, English, 5 tickets, always on shift. */
    public static final class TestAgent {
        private final Agent.Builder b;
        private final List<WeeklyPeriod> shifts = new ArrayList<>();
        private final List<TimeRange> timeOff = new ArrayList<>();
        private final Map<String, Integer> kinds = new HashMap<>();
        private int total = 5;

        TestAgent(String id) {
            b = Agent.newBuilder()
                    .setId(id)
                    .setName(id.substring(0, 1).toUpperCase() + id.substring(1))
                    .setRoutingGroup("default")
                    .setTeams(List.of("support"))
                    .setLanguages(List.of("en"))
                    .setTimeZone("UTC")
                    .setUpdatedAt(Instant.EPOCH);
        }

        public TestAgent group(String g) {
            b.setRoutingGroup(g);
            return this;
        }

        public TestAgent teams(String... t) {
            b.setTeams(List.of(t));
            return this;
        }

        public TestAgent intents(String... i) {
            b.setIntents(List.of(i));
            return this;
        }

        public TestAgent channels(String... c) {
            b.setChannels(List.of(c));
            return this;
        }

        public TestAgent languages(String... l) {
            b.setLanguages(List.of(l));
            return this;
        }

        public TestAgent roles(String... r) {
            b.setRoles(List.of(r));
            return this;
        }

        public TestAgent capacity(int total) {
            this.total = total;
            return this;
        }

        public TestAgent capacity(String kind, int limit) {
            kinds.put(kind, limit);
            return this;
        }

        public TestAgent zone(String zone) {
            b.setTimeZone(zone);
            return this;
        }

        /** A weekly shift; end at or before start runs past midnight. */
        public TestAgent shift(DayOfWeek day, String start, String end) {
            LocalTime until = end.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(end);
            shifts.add(new WeeklyPeriod(day.getValue(), LocalTime.parse(start), until));
            return this;
        }

        public TestAgent everyDay(String start, String end) {
            for (DayOfWeek d : DayOfWeek.values()) {
                shift(d, start, end);
            }
            return this;
        }

        public TestAgent timeOff(Instant from, Instant to, String reason) {
            timeOff.add(new TimeRange(from, to, reason));
            return this;
        }

        public TestAgent holidays(String... dates) {
            b.setHolidays(List.of(dates));
            return this;
        }

        public TestAgent inactive() {
            b.setActive(false);
            return this;
        }

        public Agent build() {
            if (shifts.isEmpty()) {
                everyDay("00:00", "24:00");
            }
            return b.setShifts(List.copyOf(shifts))
                    .setTimeOff(List.copyOf(timeOff))
                    .setCapacity(Capacity.newBuilder()
                            .setTotal(total)
                            .setPerChannelKind(Map.copyOf(kinds))
                            .build())
                    .build();
        }
    }

    public static AgentPresence presence(String agent, PresenceStatus status, Instant at) {
        return AgentPresence.newBuilder()
                .setAgentId(agent)
                .setStatus(status)
                .setChangedAt(at)
                .setSource("test")
                .build();
    }

    public static TestTicket ticket(String id) {
        return new TestTicket(id);
    }

    /** A ticket as the router describes it: routing group "default", team "support", English e-mail, NORMAL. */
    public static final class TestTicket {
        final String id;
        private final TicketSummary.Builder s;

        TestTicket(String id) {
            this.id = id;
            s = TicketSummary.newBuilder()
                    .setChannel(Channel.EMAIL)
                    .setConversationKey("conv:" + id)
                    .setCustomer(CustomerIdentity.newBuilder()
                            .setAddress("customer-" + id.toLowerCase() + "@example.com")
                            .build())
                    .setIntent(IntentDecision.newBuilder()
                            .setIntent("order_status")
                            .build())
                    .setLanguage("en")
                    .setPriority(Priority.NORMAL)
                    .setRoutingGroup("default")
                    .setTeam("support")
                    .setStatus(TicketStatus.NEW)
                    .setCustomerMessages(1);
        }

        public TestTicket intent(String intent) {
            s.setIntent(IntentDecision.newBuilder().setIntent(intent).build());
            return this;
        }

        public TestTicket language(String language) {
            s.setLanguage(language);
            return this;
        }

        public TestTicket channel(Channel channel) {
            s.setChannel(channel);
            return this;
        }

        public TestTicket priority(Priority p) {
            s.setPriority(p);
            return this;
        }

        public TestTicket team(String team) {
            s.setTeam(team);
            return this;
        }

        public TestTicket group(String group) {
            s.setRoutingGroup(group);
            return this;
        }

        public TestTicket customer(String address) {
            s.setCustomer(CustomerIdentity.newBuilder().setAddress(address).build());
            return this;
        }

        public TestTicket escalated(String rule, String role) {
            s.setEscalation(
                    Escalation.newBuilder().setRule(rule).setRequiredRole(role).build());
            return this;
        }

        public TestTicket status(TicketStatus status) {
            s.setStatus(status);
            return this;
        }

        public TicketSummary summary(Instant createdAt) {
            return s.setCreatedAt(createdAt).build();
        }

        /** The router's CREATED event at {@code at}. */
        public TicketEvent created(Instant at) {
            return routerEvent(id, TicketEventType.CREATED, summary(at), at);
        }
    }

    public static TicketEvent routerEvent(String ticketId, TicketEventType type, TicketSummary summary, Instant at) {
        return TicketEvent.newBuilder()
                .setEventId(ticketId + ":" + EVENTS.incrementAndGet())
                .setTicketId(ticketId)
                .setType(type)
                .setOrigin(EventOrigin.ROUTER)
                .setOccurredAt(at)
                .setTicket(summary)
                .setSourceReceivedAt(at.minusMillis(250))
                .build();
    }

    public static TicketEvent helpdesk(String ticketId, TicketEventType type, Instant at) {
        return TicketEvent.newBuilder()
                .setEventId("hd-" + EVENTS.incrementAndGet())
                .setTicketId(ticketId)
                .setType(type)
                .setOrigin(EventOrigin.HELPDESK)
                .setOccurredAt(at)
                .build();
    }

    public static TicketEvent status(String ticketId, TicketStatus status, Instant at) {
        return TicketEvent.newBuilder(helpdesk(ticketId, TicketEventType.STATUS_CHANGED, at))
                .setStatus(status)
                .build();
    }

    public static TicketEvent reply(String ticketId, String agent, Instant at) {
        return TicketEvent.newBuilder(helpdesk(ticketId, TicketEventType.AGENT_REPLIED, at))
                .setAgentId(agent)
                .build();
    }

    public static TicketEvent slaEscalation(String ticketId, String action, String assignee, Instant at) {
        return TicketEvent.newBuilder()
                .setEventId("sla-" + EVENTS.incrementAndGet())
                .setTicketId(ticketId)
                .setType(TicketEventType.SLA_ESCALATION)
                .setOrigin(EventOrigin.SLA_MONITOR)
                .setOccurredAt(at)
                .setAgentId(assignee)
                .setAttributes(Map.of("metric", "FIRST_REPLY", "policy", "standard", "action", action))
                .build();
    }
}
