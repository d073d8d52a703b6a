package dev.switchboard.app.run;

import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's timeline. Each step is what a customer or an agent does; what Switchboard makes of
 * it shows in the live feed. The script learns ticket ids the way a helpdesk does, from the
 * assignments topic.
 */
final class DemoScript implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoScript.class);
    private static final String EMMA = "emma.clarke@example.com";

    private final DemoClients clients;
    private final Clock clock;
    private final PrintWriter out;
    private final Instant shiftChange;
    private final KafkaConsumer<String, Assignment> assignments;
    private final Thread watcher;
    /** Latest assignment by ticket id. */
    private final Map<String, Assignment> tickets = new ConcurrentHashMap<>();

    DemoScript(DemoClients clients, KafkaSettings kafka, Clock clock, PrintWriter out, Instant shiftChange) {
        this.clients = clients;
        this.clock = clock;
        this.out = out;
        this.shiftChange = shiftChange;
        Topic<String, Assignment> topic = kafka.topics().assignments();
        this.assignments = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        List<TopicPartition> partitions = assignments.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        assignments.assign(partitions);
        assignments.seekToEnd(partitions);
        partitions.forEach(assignments::position);
        this.watcher = new Thread(this::watch, "demo-assignments");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    void schedule(ScheduledExecutorService executor) {
        at(
                executor,
                2,
                "an English email asking where an order is",
                () -> clients.email(
                        "Emma Clarke",
                        EMMA,
                        "Where is my order #48213?",
                        "Hi,\n\nI ordered a pair of boots nine days ago (order #48213) and tracking hasn't moved since Monday."
                                + " Could you check where it is?\n\nThanks,\nEmma",
                        null));
        at(
                executor,
                5,
                "a WhatsApp message in Gulf Arabic asking for a large refund",
                () -> clients.whatsapp(
                        "966501234567",
                        "سلطان الحربي",
                        "wamid.demo-refund-" + clock.millis(),
                        "السلام عليكم، أبغى استرداد ١٬٢٠٠ ريال عن الطلب ٧٧٣١، الجوال وصل وشاشته مكسورة"));
        at(
                executor,
                9,
                "an Egyptian Arabic email about a late delivery",
                () -> clients.email(
                        "منى سامي",
                        "mona.samy@example.com",
                        "الأوردر اتأخر",
                        "لو سمحت الأوردر رقم 55821 كان المفروض يوصل من أسبوع ولسه موصلش، أعمل إيه؟",
                        null));
        at(
                executor,
                13,
                "an English email about a double charge",
                () -> clients.email(
                        "Daniel Kim",
                        "dkim@example.com",
                        "Charged twice",
                        "Hello, I was charged twice for order 66012 ($84.50 each time). Please fix this.",
                        null));
        at(
                executor,
                17,
                "an urgent WhatsApp message in English (everyone is busy now)",
                () -> clients.whatsapp(
                        "447700900123",
                        "Priya Shah",
                        "wamid.demo-urgent-" + clock.millis(),
                        "URGENT!! my parcel for order 90210 is lost and I need the dress for a wedding on Saturday"));
        at(
                executor,
                21,
                "a Levantine Arabic question about a product",
                () -> clients.whatsapp(
                        "962791234567",
                        "رامي خوري",
                        "wamid.demo-product-" + clock.millis(),
                        "مرحبا، بدي اسأل إذا الكنبة الرمادية متوفرة بلون بيج وقديش بتاخد وقت التوصيل؟"));
        at(
                executor,
                30,
                "Emma's agent answers her by email, through the helpdesk",
                () -> replyTo(EMMA, "demo-reply-1"));
        at(
                executor,
                40,
                "Emma answers the agent's email: her reply joins her ticket by In-Reply-To",
                () -> clients.email(
                        "Emma Clarke",
                        EMMA,
                        "Re: Where is my order #48213?",
                        "Thank you! It arrived today.",
                        "demo-reply-1@shop.example"));
        at(
                executor,
                46,
                "Emma's ticket is solved: her agent's capacity frees and the queue moves",
                () -> status(EMMA, "solved"));
        at(
                executor,
                55,
                "tom goes offline: a ticket he has not answered yet goes to someone else",
                () -> clients.helpdesk("{\"type\":\"presence_changed\",\"agent_id\":\"tom\",\"status\":\"offline\"}"));
        long untilShift =
                Math.max(60, Duration.between(clock.instant(), shiftChange).toSeconds());
        at(
                executor,
                untilShift - 5,
                "one more Arabic message just before karim's shift starts",
                () -> clients.whatsapp(
                        "971501112233",
                        "عائشة المنصوري",
                        "wamid.demo-exchange-" + clock.millis(),
                        "أبي أبدل الفستان بمقاس أكبر، الطلب رقم 31877"));
        at(
                executor,
                untilShift + 10,
                "tom is back online",
                () -> clients.helpdesk("{\"type\":\"presence_changed\",\"agent_id\":\"tom\",\"status\":\"online\"}"));
        at(executor, untilShift + 20, "nobody answers the rest: watch the SLA warnings and breaches", () -> 0);
    }

    private interface Step {
        Object run() throws Exception;
    }

    private void at(ScheduledExecutorService executor, long seconds, String what, Step step) {
        executor.schedule(
                () -> {
                    out.println("demo › " + what);
                    out.flush();
                    try {
                        step.run();
                    } catch (Exception e) {
                        log.warn("Demo step '{}' failed: {}", what, e.getMessage());
                    }
                },
                seconds,
                TimeUnit.SECONDS);
    }

    private int replyTo(String customer, String replyId) throws Exception {
        Optional<Assignment> ticket = ticketOf(customer);
        if (ticket.isEmpty()) {
            log.warn("Demo: {} has no assigned ticket to answer yet", customer);
            return 0;
        }
        return clients.helpdesk("{\"type\":\"agent_replied\",\"event_id\":\"demo-" + replyId + "\",\"ticket_id\":\""
                + ticket.get().getTicketId() + "\",\"agent_id\":\""
                + ticket.get().getAgentId() + "\",\"message_id\":\"<"
                + replyId + "@shop.example>\"}");
    }

    private int status(String customer, String status) throws Exception {
        Optional<Assignment> ticket = ticketOf(customer);
        if (ticket.isEmpty()) {
            return 0;
        }
        return clients.helpdesk(
                "{\"type\":\"status_changed\",\"ticket_id\":\"" + ticket.get().getTicketId() + "\",\"status\":\""
                        + status + "\",\"agent_id\":\"" + ticket.get().getAgentId() + "\"}");
    }

    /** The customer's earliest ticket that is assigned to an agent. */
    private Optional<Assignment> ticketOf(String customerAddress) {
        return tickets.values().stream()
                .filter(a -> customerAddress.equals(a.getTicket().getCustomer().getAddress()))
                .filter(a -> a.getAction() == AssignmentAction.ASSIGNED || a.getAction() == AssignmentAction.REASSIGNED)
                .min((a, b) -> a.getDecidedAt().compareTo(b.getDecidedAt()));
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (var record : assignments.poll(Duration.ofMillis(250))) {
                    if (record.value() != null) {
                        tickets.put(record.key(), record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            assignments.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        assignments.wakeup();
        try {
            watcher.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
