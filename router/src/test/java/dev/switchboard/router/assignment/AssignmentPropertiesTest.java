package dev.switchboard.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import dev.switchboard.events.Capacity;
import dev.switchboard.events.Channel;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.Escalation;
import dev.switchboard.events.IntentDecision;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.Priority;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.events.TimeRange;
import dev.switchboard.events.WeeklyPeriod;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Assignment's domain against {@link Reference}, the simplest statement of each rule, on random
 * agents and tickets: shifts in five zones around their DST changes (with time off and holidays),
 * eligibility, the choice, and the queue order.
 */
class AssignmentPropertiesTest {
    static final List<String> ZONES =
            List.of("America/New_York", "Europe/London", "Africa/Cairo", "Asia/Riyadh", "Asia/Manila");
    /** Days around 2026's DST changes in those zones (Cairo: last Friday of April, last Thursday of October). */
    static final List<LocalDate> AROUND = List.of(
            LocalDate.parse("2026-03-07"),
            LocalDate.parse("2026-03-28"),
            LocalDate.parse("2026-04-23"),
            LocalDate.parse("2026-10-24"),
            LocalDate.parse("2026-10-28"),
            LocalDate.parse("2026-10-31"),
            LocalDate.parse("2026-12-23"));

    static final AssignmentSettings SETTINGS = new AssignmentSettings(
            null, null, null, null, null, null, null, Map.of("ar", List.of(), "*", List.of("en")));

    @Property(tries = 200)
    void onShiftAgreesWithTheWallClockAcrossMidnightAndDst(
            @ForAll("agents") Agent agent, @ForAll("starts") Instant start) {
        AgentShifts shifts = AgentProfile.of(agent).shifts();
        // Asked in time order, as the engine does, so the remembered answer is exercised too.
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(3))); t = t.plus(Duration.ofMinutes(17))) {
            boolean expected = Reference.onShift(agent, t);
            assertThat(shifts.onShift(t)).as("%s at %s", agent.getTimeZone(), t).isEqualTo(expected);
            Optional<Instant> change = shifts.nextChange(t);
            if (change.isPresent()) {
                assertThat(Reference.onShift(agent, change.get()))
                        .as("changes at %s", change.get())
                        .isNotEqualTo(expected);
                Instant justBefore = change.get().minusSeconds(1);
                if (justBefore.isAfter(t)) {
                    assertThat(Reference.onShift(agent, justBefore)).isEqualTo(expected);
                }
            }
        }
    }

    @Property(tries = 1000)
    void eligibilityAgreesWithTheReference(
            @ForAll("agents") Agent agent,
            @ForAll("presences") PresenceStatus presence,
            @ForAll("loads") Map<String, Integer> loads,
            @ForAll("tickets") TicketSummary ticket,
            @ForAll("starts") Instant now,
            @ForAll boolean handedBack) {
        Optional<String> handedBackBy = handedBack ? Optional.of(agent.getId()) : Optional.empty();
        AgentNow a = new AgentNow(AgentProfile.of(agent), presence, Reference.total(loads), loads, Optional.empty());
        TicketNeeds needs = TicketNeeds.of(ticket, SETTINGS);

        boolean eligible =
                new Eligibility(SETTINGS).check(a, needs, now, handedBackBy).eligible();

        assertThat(eligible)
                .as("%s for %s", agent, ticket)
                .isEqualTo(Reference.eligible(SETTINGS, agent, presence, loads, ticket, handedBackBy, now));
        assertThat(new Eligibility(SETTINGS).canServe(a.profile(), needs))
                .isEqualTo(Reference.canServe(SETTINGS, agent, ticket));
    }

    @Property(tries = 1000)
    void theChoiceAgreesWithTheReference(
            @ForAll("options") List<Reference.Option> options, @ForAll("preferences") List<String> preferred) {
        List<Choice.Candidate> candidates = new ArrayList<>();
        for (Reference.Option o : options) {
            Agent agent =
                    AssignmentFixtures.agent(o.id()).capacity(o.capacity()).build();
            candidates.add(new Choice.Candidate(
                    new AgentNow(
                            AgentProfile.of(agent),
                            PresenceStatus.ONLINE,
                            o.load(),
                            Map.of(),
                            o.lastAssignedAt() == Long.MIN_VALUE
                                    ? Optional.empty()
                                    : Optional.of(Instant.ofEpochMilli(o.lastAssignedAt()))),
                    !o.nativeSpeaker()));
        }
        List<Choice.Preference> preferences = preferred.stream()
                .map(p -> new Choice.Preference(p, "prefers " + p))
                .toList();

        Choice.Chosen chosen = Choice.choose(candidates, preferences);

        assertThat(chosen.agent().id()).isEqualTo(Reference.choose(options, preferred));
        assertThat(chosen.rules()).isNotEmpty();
    }

    @Property(tries = 500)
    void queueKeysSortInQueueOrder(@ForAll("waiting") List<Waiting> tickets) {
        Comparator<Waiting> order = Comparator.comparing(
                        (Waiting w) -> -w.priority().ordinal())
                .thenComparing(w -> w.due().orElse(Instant.MAX))
                .thenComparing(Waiting::created)
                .thenComparing(Waiting::id);
        List<String> byKey = tickets.stream()
                .map(w -> QueueOrder.key(w.priority(), w.due(), w.created(), w.id()))
                .sorted()
                .map(QueueOrder::ticketOf)
                .toList();
        assertThat(byKey)
                .isEqualTo(tickets.stream().sorted(order).map(Waiting::id).toList());
    }

    // ------------------------------------------------------------------ generators

    record Waiting(String id, Priority priority, Optional<Instant> due, Instant created) {}

    @Provide
    Arbitrary<List<Waiting>> waiting() {
        Arbitrary<Instant> times = Arbitraries.longs()
                .between(1_700_000_000_000L, 1_900_000_000_000L)
                .map(Instant::ofEpochMilli);
        return Combinators.combine(
                        Arbitraries.of(Priority.class),
                        times.optional(0.7),
                        times,
                        Arbitraries.integers().between(1, 99_999))
                .as((p, due, created, n) -> new Waiting("SB-" + n, p, due, created))
                .list()
                .ofMaxSize(30)
                .uniqueElements(Waiting::id);
    }

    @Provide
    Arbitrary<Instant> starts() {
        return Combinators.combine(
                        Arbitraries.of(AROUND), Arbitraries.integers().between(0, 3 * 24 * 60))
                .as((day, minutes) ->
                        day.atStartOfDay(ZoneId.of("UTC")).toInstant().plus(Duration.ofMinutes(minutes)));
    }

    @Provide
    Arbitrary<PresenceStatus> presences() {
        return Arbitraries.of(
                PresenceStatus.ONLINE, PresenceStatus.ONLINE, PresenceStatus.AWAY, PresenceStatus.OFFLINE);
    }

    @Provide
    Arbitrary<Map<String, Integer>> loads() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 3);
        return Combinators.combine(n, n, n).as((e, s, c) -> Map.of("email", e, "social", s, "chat", c));
    }

    @Provide
    Arbitrary<List<String>> preferences() {
        return Arbitraries.of("a", "b", "c", "d", "e", "f").list().ofMaxSize(2);
    }

    @Provide
    Arbitrary<List<Reference.Option>> options() {
        return Combinators.combine(
                        Arbitraries.of("a", "b", "c", "d", "e", "f"),
                        Arbitraries.integers().between(0, 2).map(i -> i > 0),
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.of(Long.MIN_VALUE, 1_000L, 2_000L, 3_000L))
                .as(Reference.Option::new)
                .filter(o -> o.load() < o.capacity())
                .list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .uniqueElements(Reference.Option::id);
    }

    @Provide
    Arbitrary<TicketSummary> tickets() {
        return Combinators.combine(
                        Arbitraries.of("", "support", "billing"),
                        Arbitraries.of("refund", "order_status", "other"),
                        Arbitraries.of(Channel.EMAIL, Channel.WHATSAPP, Channel.WEB, Channel.INSTAGRAM),
                        Arbitraries.of("en", "ar", "fr").injectNull(0.15),
                        Arbitraries.of("refund-approver", "manager").injectNull(0.6))
                .as((team, intent, channel, language, role) -> TicketSummary.newBuilder()
                        .setTeam(team)
                        .setIntent(IntentDecision.newBuilder().setIntent(intent).build())
                        .setChannel(channel)
                        .setLanguage(language)
                        .setEscalation(
                                role == null
                                        ? null
                                        : Escalation.newBuilder()
                                                .setRule("rule")
                                                .setRequiredRole(role)
                                                .build())
                        .setCustomer(new CustomerIdentity("c@example.com", null, null, null))
                        .build());
    }

    @Provide
    Arbitrary<Agent> agents() {
        Arbitrary<WeeklyPeriod> period = Combinators.combine(
                        Arbitraries.integers().between(1, 7),
                        Arbitraries.integers().between(0, 47),
                        Arbitraries.integers().between(1, 48))
                .as((day, start, length) -> new WeeklyPeriod(day, halfHour(start), halfHour((start + length) % 48)));
        Arbitrary<Instant> inWindow = Combinators.combine(
                        Arbitraries.of(AROUND), Arbitraries.integers().between(0, 4 * 24 * 2))
                .as((day, halfHours) ->
                        day.atStartOfDay(ZoneId.of("UTC")).toInstant().plus(Duration.ofMinutes(30L * halfHours)));
        Arbitrary<TimeRange> timeOff = Combinators.combine(
                        inWindow, Arbitraries.integers().between(1, 72))
                .as((from, hours) -> new TimeRange(from, from.plus(Duration.ofHours(hours)), "leave"));
        Arbitrary<String> holiday = Combinators.combine(
                        Arbitraries.of(AROUND), Arbitraries.integers().between(0, 3))
                .as((day, plus) -> day.plusDays(plus).toString());
        Arbitrary<Capacity> capacity = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 3).injectNull(0.5),
                        Arbitraries.integers().between(0, 3).injectNull(0.5))
                .as((total, email, social) -> {
                    Map<String, Integer> kinds = new java.util.HashMap<>();
                    if (email != null) {
                        kinds.put("email", email);
                    }
                    if (social != null) {
                        kinds.put("social", social);
                    }
                    return Capacity.newBuilder()
                            .setTotal(total)
                            .setPerChannelKind(kinds)
                            .build();
                });
        Arbitrary<Agent.Builder> who = Combinators.combine(
                        Arbitraries.of(ZONES),
                        Arbitraries.subsetOf("support", "billing"),
                        Arbitraries.subsetOf("refund", "order_status", "other"),
                        Arbitraries.subsetOf("email", "whatsapp", "web", "instagram"),
                        Arbitraries.subsetOf("en", "ar", "fr"),
                        Arbitraries.subsetOf("refund-approver", "manager"),
                        Arbitraries.integers().between(0, 9).map(i -> i > 0))
                .as((zone, teams, intents, channels, languages, roles, active) -> Agent.newBuilder()
                        .setId("agent")
                        .setName("Agent")
                        .setRoutingGroup("default")
                        .setTimeZone(zone)
                        .setTeams(List.copyOf(teams))
                        .setIntents(List.copyOf(intents))
                        .setChannels(List.copyOf(channels))
                        .setLanguages(List.copyOf(languages))
                        .setRoles(List.copyOf(roles))
                        .setActive(active)
                        .setUpdatedAt(Instant.EPOCH));
        return Combinators.combine(
                        who,
                        period.list().ofMaxSize(4),
                        timeOff.list().ofMaxSize(2),
                        holiday.list().ofMaxSize(2).uniqueElements(),
                        capacity)
                .as((b, shifts, off, holidays, cap) -> b.setShifts(shifts)
                        .setTimeOff(off)
                        .setHolidays(holidays)
                        .setCapacity(cap)
                        .build());
    }

    private static LocalTime halfHour(int n) {
        return LocalTime.of(n / 2, (n % 2) * 30);
    }
}
