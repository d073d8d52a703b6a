package dev.switchboard.router.assignment;

import static dev.switchboard.router.assignment.AssignmentFixtures.routerEvent;
import static dev.switchboard.router.assignment.AssignmentFixtures.slaEscalation;
import static dev.switchboard.router.assignment.AssignmentFixtures.status;
import static dev.switchboard.router.assignment.AssignmentFixtures.ticket;

import dev.switchboard.events.Channel;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.Priority;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A busy stretch of a support day, played from a seed: customers writing in (intents, languages
 * and channels of the sample shop, some escalated), agents replying, tickets set pending and
 * solved, customers writing back, SLA breaches, agents going away and coming back. Events hit
 * tickets whatever their state (a queued ticket may be solved), as a real helpdesk does.
 */
public final class BusyDay {
    private static final String[] INTENTS = {
        "order_status",
        "order_status",
        "delivery_problem",
        "refund",
        "payment",
        "return",
        "exchange",
        "cancellation",
        "product_question",
        "account",
        "complaint",
        "other"
    };
    private static final Channel[] CHANNELS = {
        Channel.EMAIL, Channel.EMAIL, Channel.WHATSAPP, Channel.WHATSAPP, Channel.INSTAGRAM, Channel.WEB, Channel.X
    };

    /** What the day is played against: the engine, or the topology in the test driver. */
    public interface Target {
        /** Moves the wall clock to {@code t} (the wall-clock check runs). */
        void advanceTo(Instant t);

        void event(TicketEvent e);

        void presence(String agent, PresenceStatus status);
    }

    private BusyDay() {}

    /**
     * Plays the day; {@code afterStep} runs after every step (the invariants).
     *
     * @return how many tickets were created
     */
    public static int play(
            long seed,
            List<String> agents,
            Instant start,
            Duration length,
            Duration step,
            double newTicketsPerStep,
            Target target,
            Runnable afterStep) {
        Random random = new Random(seed);
        List<AssignmentFixtures.TestTicket> tickets = new ArrayList<>();
        for (String a : agents) {
            target.presence(a, random.nextInt(5) == 0 ? PresenceStatus.OFFLINE : PresenceStatus.ONLINE);
        }
        for (Instant now = start.plus(step); !now.isAfter(start.plus(length)); now = now.plus(step)) {
            target.advanceTo(now);
            int arrivals = (int) Math.floor(newTicketsPerStep + random.nextDouble());
            for (int i = 0; i < arrivals; i++) {
                AssignmentFixtures.TestTicket t = newTicket(random, "SB-" + (tickets.size() + 1));
                tickets.add(t);
                target.event(t.created(now));
            }
            int touches = tickets.isEmpty() ? 0 : 1 + random.nextInt(4);
            for (int i = 0; i < touches; i++) {
                AssignmentFixtures.TestTicket t = tickets.get(random.nextInt(tickets.size()));
                target.event(something(random, t, now));
            }
            for (String a : agents) {
                if (random.nextInt(40) == 0) {
                    PresenceStatus s = switch (random.nextInt(4)) {
                        case 0 -> PresenceStatus.OFFLINE;
                        case 1 -> PresenceStatus.AWAY;
                        default -> PresenceStatus.ONLINE;
                    };
                    target.presence(a, s);
                }
            }
            afterStep.run();
        }
        return tickets.size();
    }

    private static AssignmentFixtures.TestTicket newTicket(Random random, String id) {
        String intent = INTENTS[random.nextInt(INTENTS.length)];
        int lang = random.nextInt(10);
        AssignmentFixtures.TestTicket t = ticket(id)
                .intent(intent)
                .team(intent.equals("refund") || intent.equals("payment") ? "billing" : "support")
                .language(lang < 6 ? "en" : lang < 9 ? "ar" : "fr")
                .channel(CHANNELS[random.nextInt(CHANNELS.length)])
                .priority(Priority.values()[random.nextInt(4)])
                .customer("customer" + random.nextInt(60) + "@example.com");
        if (random.nextInt(12) == 0) {
            t.escalated(
                    intent.equals("refund") ? "refund-over-limit" : "legal-threat",
                    intent.equals("refund") ? "refund-approver" : "manager");
        }
        return t;
    }

    private static TicketEvent something(Random random, AssignmentFixtures.TestTicket t, Instant now) {
        int r = random.nextInt(100);
        if (r < 35) {
            return AssignmentFixtures.reply(t.id, "someone", now);
        } else if (r < 55) {
            return status(t.id, TicketStatus.SOLVED, now);
        } else if (r < 65) {
            return status(t.id, TicketStatus.PENDING, now);
        } else if (r < 80) {
            return routerEvent(
                    t.id,
                    TicketEventType.CUSTOMER_MESSAGE,
                    t.status(TicketStatus.OPEN).summary(now),
                    now);
        } else if (r < 85) {
            return routerEvent(
                    t.id, TicketEventType.REOPENED, t.status(TicketStatus.OPEN).summary(now), now);
        } else if (r < 90) {
            t.escalated("vip-complaint", "manager");
            return routerEvent(t.id, TicketEventType.ESCALATED, t.summary(now), now);
        } else if (r < 95) {
            return slaEscalation(t.id, "raise-priority", null, now);
        } else if (r < 97) {
            return slaEscalation(t.id, "reassign", null, now);
        } else if (r < 98) {
            return TicketEvent.newBuilder(AssignmentFixtures.helpdesk(t.id, TicketEventType.REASSIGN_REQUESTED, now))
                    .setAttributes(random.nextBoolean() ? java.util.Map.of() : java.util.Map.of("toAgent", "agent1"))
                    .build();
        }
        return status(t.id, TicketStatus.CLOSED, now);
    }
}
