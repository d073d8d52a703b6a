package dev.switchboard.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * Busy days on the engine with random teams: after every step no agent is over capacity, no
 * ticket has two agents, every open ticket is assigned or waiting, and no agent who could take a
 * waiting ticket idles (checked against {@link Reference}). Shifts start and end inside the day.
 */
class BusyDayTest {
    private static final Instant START = Instant.parse("2026-11-26T13:30:00Z");

    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    void noAgentOverCapacityAndNoneIdlesWhileATicketTheyCouldTakeWaits(@ForAll long seed) {
        AssignmentSettings settings = AssignmentPropertiesTest.SETTINGS;
        Random random = new Random(seed);
        EngineHarness h = new EngineHarness(settings, START);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3 + random.nextInt(4); i++) {
            Agent a = randomAgent(random, "agent" + i);
            ids.add(a.getId());
            h.agent(a);
        }
        int created = BusyDay.play(
                seed,
                ids,
                START,
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                2.5,
                new BusyDay.Target() {
                    @Override
                    public void advanceTo(Instant t) {
                        h.advance(Duration.between(h.now, t), Duration.between(h.now, t));
                    }

                    @Override
                    public void event(TicketEvent e) {
                        h.event(e);
                    }

                    @Override
                    public void presence(String agent, PresenceStatus status) {
                        h.presence(agent, status);
                    }
                },
                () -> Invariants.check(settings, h.state.agents("default"), tickets(h), h.now));

        assertThat(created).isGreaterThan(200);
        Map<AssignmentAction, Long> actions =
                h.assignments.stream().collect(Collectors.groupingBy(a -> a.getAction(), Collectors.counting()));
        assertThat(actions).containsKeys(AssignmentAction.ASSIGNED, AssignmentAction.QUEUED);
    }

    private static List<TicketRecord> tickets(EngineHarness h) {
        return h.tickets.prefix("", Integer.MAX_VALUE).stream()
                .map(Map.Entry::getValue)
                .toList();
    }

    private static Agent randomAgent(Random r, String id) {
        AssignmentFixtures.TestAgent a = AssignmentFixtures.agent(id)
                .capacity(1 + r.nextInt(4))
                .languages(
                        r.nextBoolean()
                                ? new String[] {"en"}
                                : r.nextBoolean() ? new String[] {"ar"} : new String[] {"ar", "en"})
                .teams(r.nextInt(3) == 0 ? new String[] {"billing", "support"} : new String[] {"support"});
        if (r.nextBoolean()) {
            a.capacity("social", 1 + r.nextInt(2));
        }
        if (r.nextInt(3) == 0) {
            a.roles("refund-approver", "manager");
        }
        if (r.nextInt(3) == 0) {
            a.channels("email", "web");
        }
        if (r.nextInt(4) == 0) {
            a.intents("order_status", "delivery_problem", "other", "refund");
        }
        // A shift that starts or ends somewhere in the hour (zones and DST: AssignmentPropertiesTest).
        int startMinute = 13 * 60 + r.nextInt(90) - 30;
        int endMinute = startMinute + 30 + r.nextInt(120);
        a.zone("UTC").shift(DayOfWeek.THURSDAY, hhmm(startMinute), hhmm(Math.min(endMinute, 23 * 60 + 59)));
        return a.build();
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }
}
