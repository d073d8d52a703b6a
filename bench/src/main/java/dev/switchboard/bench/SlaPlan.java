package dev.switchboard.bench;

import dev.switchboard.calendar.Calendars;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Channel;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.Priority;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.sla.SlaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Which tickets each side of the SLA benchmark holds and when each one's alert falls due.
 *
 * <p>One policy, 24/7, no warnings: each ticket fires exactly one alert in the run, its first-reply
 * BREACHED, at {@code createdAt + target}, so choosing {@code createdAt} places the alert to the
 * millisecond. Both sides hold the same measured tickets: {@link #dueInWindow()} due evenly over the
 * measurement window (the density the large side's deadlines have over {@code spread}) and a burst
 * due in one instant, a third into the window for the large side and two thirds for the baseline, so
 * that neither burst has to share the machine with the other. The rest of each side's open tickets are background, due at
 * random over {@code spread}, starting {@link #LOAD_ALLOWANCE} after the load so that none falls due
 * before the window has closed. A breached ticket stays open (its resolution clock still runs), so
 * the number of open tickets is the same all through the window.
 */
record SlaPlan(int open, int baselineOpen, int burst, Duration spread, Duration measure) {
    /** Kept free of background deadlines after the load starts: the load, the lead and the window fit in it. */
    static final Duration LOAD_ALLOWANCE = Duration.ofMinutes(30);

    private static final String POLICY = "bench";

    /** A measured ticket: its id and when its alert is due. */
    record Due(String ticketId, Instant at, boolean burst) {}

    /** How many measured tickets fall due spread over the window: the large side's deadline density. */
    int dueInWindow() {
        return (int) Math.round((double) open * measure.toMillis() / spread.toMillis());
    }

    /** The measured tickets of each side. */
    int measured() {
        return dueInWindow() + burst;
    }

    /** Why these numbers make no benchmark, if they do not. */
    Optional<String> problem() {
        if (measure.compareTo(Duration.ofSeconds(4)) < 0) {
            return Optional.of("--measure must be at least 4s, got " + measure);
        }
        if (spread.compareTo(measure) <= 0) {
            return Optional.of("--spread must be longer than --measure");
        }
        if (baselineOpen >= open) {
            return Optional.of("--baseline-open must be less than --open");
        }
        if (measured() > baselineOpen) {
            return Optional.of(String.format(
                    "both sides hold the same measured tickets, so --baseline-open %d must hold the %d that fall due"
                            + " spread over the window (--open × --measure / --spread) and the --burst %d;"
                            + " lower --burst or --measure, or raise --baseline-open or --spread",
                    baselineOpen, dueInWindow(), burst));
        }
        return Optional.empty();
    }

    /** Longer than any ticket's time to its alert, so every {@code createdAt} is in the past. */
    Duration firstReplyTarget() {
        return LOAD_ALLOWANCE.plus(spread).plusHours(1).truncatedTo(ChronoUnit.MINUTES);
    }

    /** The policy, also written to {@code dir/sla-bench.yaml} so a run's settings can be read afterwards. */
    SlaConfig policy(Path dir) {
        // check-every and late-after as in config/sla.yaml; on-breach as its default, so a breach also
        // writes its escalation event, as in production.
        String yaml = """
                check-every: 250ms
                late-after: 1s
                defaults:
                  calendar: 24/7
                  warn-at: "off"
                  warn-before: 0s
                  on-breach: notify-lead
                policies:
                  - name: %s
                    first-reply: %dm
                    resolution: 30d
                """.formatted(POLICY, firstReplyTarget().toMinutes());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("sla-bench.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigLoader loader = new ConfigLoader(Map.of());
        return SlaConfig.parse(loader, "sla-bench.yaml", yaml, Calendars.of(List.of()));
    }

    /** The {@code i}-th background ticket's alert moment: at random over the spread, after the allowance. */
    static Instant backgroundDue(Instant loadStart, Duration spread, Random random) {
        long offset = (long) (random.nextDouble() * spread.toMillis());
        return loadStart.plus(LOAD_ALLOWANCE).plusMillis(offset);
    }

    /** A side's measured tickets for a window opening at {@code start}, in an order set by {@code seed}. */
    List<Due> measuredTickets(Instant start, boolean baseline, long seed) {
        List<Due> due = new ArrayList<>();
        int spreadCount = dueInWindow();
        for (int j = 0; j < spreadCount; j++) {
            long offset = Math.round((j + 0.5) * measure.toMillis() / spreadCount);
            due.add(new Due("SB-due-" + j, start.plusMillis(offset), false));
        }
        Instant burstAt = burstAt(start, baseline);
        for (int j = 0; j < burst; j++) {
            due.add(new Due("SB-burst-" + j, burstAt, true));
        }
        Collections.shuffle(due, new Random(seed));
        return due;
    }

    /** Every burst ticket of a side is due at this one instant, on a whole second. */
    Instant burstAt(Instant windowStart, boolean baseline) {
        Duration third = measure.dividedBy(3);
        return windowStart.plus(baseline ? third.multipliedBy(2) : third).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A ticket the router created so that its first-reply target is breached at {@code due}. */
    TicketEvent created(String ticketId, Instant due) {
        Instant createdAt = due.minus(firstReplyTarget());
        TicketSummary summary = TicketSummary.newBuilder()
                .setSubject("Where is my order?")
                .setChannel(Channel.EMAIL)
                .setConversationKey("email:support:" + ticketId + "@load.example")
                .setPriority(Priority.NORMAL)
                .setRoutingGroup("orders")
                .setTeam("orders")
                .setStatus(TicketStatus.NEW)
                .setCreatedAt(createdAt)
                .setCustomerMessages(1)
                .setPreview("Where is my order? It said 3 days and it's been a week.")
                .build();
        return TicketEvent.newBuilder()
                .setEventId(ticketId + ":created")
                .setTicketId(ticketId)
                .setType(TicketEventType.CREATED)
                .setOrigin(EventOrigin.ROUTER)
                .setOccurredAt(createdAt)
                .setStatus(TicketStatus.NEW)
                .setTicket(summary)
                .build();
    }
}
