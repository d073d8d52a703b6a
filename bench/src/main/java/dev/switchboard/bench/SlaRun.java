package dev.switchboard.bench;

import dev.switchboard.events.TicketEvent;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import dev.switchboard.sla.SlaConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The SLA benchmark's timeline, both monitors running side by side on one broker: load each side's
 * background tickets (the small side first) and wait until its monitor has consumed them; warm up
 * in a throwaway namespace; load the measured tickets into both, due after a lead; keep still until
 * the window opens (every check then has nothing due); measure the window; wait for the last alerts.
 */
final class SlaRun {
    /** How long after the window the last measured alerts may still arrive before they count as missing. */
    static final Duration DRAIN = Duration.ofSeconds(30);

    private final SlaPlan plan;
    private final SlaConfig policy;
    private final BenchKafka kafka;
    private final SlaSide large;
    private final SlaSide small;
    private final Admin admin;
    private final PrintWriter progress;
    private final Random random = new Random(20_260_301L);

    /** One side's figures. */
    /**
     * @param settle how long RocksDB kept flushing or compacting after the load (the window waits for it)
     * @param rocksDbMemory RocksDB's off-heap memory at the window's end
     */
    record Side(
            int open,
            Duration load,
            Duration settle,
            long changelogBytes,
            long rocksDbMemory,
            long idleChecks,
            double idleCheckMean,
            long windowChecks,
            double windowCheckMean,
            double windowCheckMax,
            double kafkaPunctuateAvg,
            double kafkaPunctuateMax,
            AlertTally alerts) {}

    /**
     * @param heapGrowth heap used after a full GC once both sides were loaded, minus before
     * @param lead from the measured tickets' first send to the window's start
     * @param measuredLoad from that send until both monitors had consumed them
     */
    record Results(
            Side large, Side small, long heapGrowth, Duration lead, Duration measuredLoad, Instant windowStart) {}

    SlaRun(
            SlaPlan plan,
            SlaConfig policy,
            BenchKafka kafka,
            SlaSide large,
            SlaSide small,
            Admin admin,
            PrintWriter progress) {
        this.plan = plan;
        this.policy = policy;
        this.kafka = kafka;
        this.large = large;
        this.small = small;
        this.admin = admin;
        this.progress = progress;
    }

    Results run() throws InterruptedException, ExecutionException {
        large.awaitRunning(Duration.ofMinutes(2));
        small.awaitRunning(Duration.ofMinutes(2));
        long heapBefore = heapAfterGc();
        Instant loadStart = Instant.now();
        Instant loadDeadline = loadStart.plus(SlaPlan.LOAD_ALLOWANCE);
        Duration smallLoad = loadBackground(small, plan.baselineOpen(), loadStart, loadDeadline);
        Duration largeLoad = loadBackground(large, plan.open(), loadStart, loadDeadline);
        long heapGrowth = heapAfterGc() - heapBefore;
        long largeChangelogs = large.changelogBytes(admin);
        long smallChangelogs = small.changelogBytes(admin);
        Duration largeSettle = awaitStoresQuiet(large, loadDeadline);
        Duration smallSettle = awaitStoresQuiet(small, loadDeadline);
        warmUp();

        // The measured tickets must be consumed before the window opens: three times what the large
        // side's load rate says they take, plus 5 s.
        double perSecond = (plan.open() - plan.measured()) / seconds(largeLoad);
        Duration lead = Duration.ofSeconds(5).plusMillis(Math.round(3_000.0 * 2 * plan.measured() / perSecond));
        Instant measuredStart = Instant.now();
        // Event times are whole milliseconds (Avro timestamp-millis), so due moments are too.
        Instant windowStart = measuredStart.plus(lead).truncatedTo(ChronoUnit.MILLIS);
        Instant windowEnd = windowStart.plus(plan.measure());
        if (windowEnd.plus(DRAIN).isAfter(loadDeadline)) {
            throw new IllegalStateException("the load took " + Duration.between(loadStart, measuredStart)
                    + ": the window would reach the background tickets' deadlines, "
                    + SlaPlan.LOAD_ALLOWANCE + " after the load started; try fewer --open tickets");
        }
        long seed = random.nextLong();
        Map<SlaSide, List<SlaPlan.Due>> measured = Map.of(
                large, plan.measuredTickets(windowStart, false, seed),
                small, plan.measuredTickets(windowStart, true, seed));
        progress.printf(
                "both: %,d measured tickets due from %s (%,d over %s; a burst of %,d at %s, the baseline's at %s)%n",
                plan.measured(),
                windowStart,
                plan.dueInWindow(),
                plan.measure(),
                plan.burst(),
                plan.burstAt(windowStart, false),
                plan.burstAt(windowStart, true));
        send(List.of(large, small), plan.measured(), (side, i) -> {
            SlaPlan.Due due = measured.get(side).get(i);
            return plan.created(due.ticketId(), due.at());
        });
        awaitConsumed(List.of(large, small), windowStart);
        Instant ready = Instant.now();
        if (Duration.between(ready, windowStart).compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException("the monitors took " + Duration.between(measuredStart, ready)
                    + " to consume the measured tickets, more than the lead of " + lead
                    + ": the window's first alerts would have waited for the load");
        }

        // Until the window opens nothing is due: the checks' cost is the cost of looking.
        Checks largeChecks = new Checks(large.checks());
        Checks smallChecks = new Checks(small.checks());
        sleepUntil(windowStart);
        largeChecks.windowOpens();
        smallChecks.windowOpens();
        while (Instant.now().isBefore(windowEnd)) {
            large.checks().sample();
            small.checks().sample();
            Thread.sleep(100);
        }
        largeChecks.windowCloses();
        smallChecks.windowCloses();
        long largeMemory = large.rocksDbMemoryBytes();
        long smallMemory = small.rocksDbMemoryBytes();
        awaitAlerts(plan.measured(), windowEnd.plus(DRAIN));

        return new Results(
                largeChecks.side(
                        plan.open(), largeLoad, largeSettle, largeChangelogs, largeMemory, tally(large, measured)),
                smallChecks.side(
                        plan.baselineOpen(),
                        smallLoad,
                        smallSettle,
                        smallChangelogs,
                        smallMemory,
                        tally(small, measured)),
                heapGrowth,
                lead,
                Duration.between(measuredStart, ready),
                windowStart);
    }

    /**
     * Fires two bursts in a throwaway namespace right before the measured tickets, so that the JIT
     * has compiled the check's path and the heap has the shape a burst needs before either side's
     * burst. Without it, or with it before the load, the window's first burst took 1.5–2.5× as long
     * as the second in trials, whichever side it was.
     */
    private void warmUp() throws InterruptedException, ExecutionException {
        try (SlaSide warm = SlaSide.start(kafka, "sla-warmup", policy)) {
            warm.awaitRunning(Duration.ofMinutes(2));
            int count = 2 * plan.burst();
            // Time to load them first: a cold monitor takes about 2,000 tickets a second.
            Instant first = Instant.now().plusSeconds(2).plusMillis(count / 2).truncatedTo(ChronoUnit.SECONDS);
            progress.printf("sla-warmup: two bursts of %,d alerts, at %s and 2 s later%n", plan.burst(), first);
            send(List.of(warm), count, (s, i) -> plan.created("SB-warm-" + i, first.plusSeconds(2L * (i % 2))));
            Instant until = first.plus(Duration.ofMinutes(1));
            while (warm.alerts().count() < count && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
        }
    }

    /** A side's checks: the timer's totals when nothing is due yet, at the window's start and at its end. */
    private static final class Checks {
        private final CheckProbe probe;
        private final CheckProbe.Totals idle;
        private CheckProbe.Totals opened;
        private CheckProbe.Totals closed;
        private double kafkaAvg;

        Checks(CheckProbe probe) {
            this.probe = probe;
            this.idle = probe.totals();
        }

        void windowOpens() {
            opened = probe.totals();
            probe.resetMaxima();
        }

        void windowCloses() {
            closed = probe.totals();
            kafkaAvg = probe.kafkaAvg();
        }

        Side side(
                int open, Duration load, Duration settle, long changelogBytes, long rocksDbMemory, AlertTally alerts) {
            return new Side(
                    open,
                    load,
                    settle,
                    changelogBytes,
                    rocksDbMemory,
                    opened.countSince(idle),
                    opened.meanSince(idle),
                    closed.countSince(opened),
                    closed.meanSince(opened),
                    probe.timerMax(),
                    kafkaAvg,
                    probe.kafkaMax(),
                    alerts);
        }
    }

    private static AlertTally tally(SlaSide side, Map<SlaSide, List<SlaPlan.Due>> measured) {
        Map<String, SlaPlan.Due> expected =
                measured.get(side).stream().collect(Collectors.toMap(SlaPlan.Due::ticketId, Function.identity()));
        return AlertTally.of(expected, side.alerts().arrivals());
    }

    /** Loads a side's background tickets and waits until its monitor has consumed them. */
    private Duration loadBackground(SlaSide side, int open, Instant loadStart, Instant deadline)
            throws InterruptedException, ExecutionException {
        int count = open - plan.measured();
        progress.printf("%s: loading %,d open tickets...%n", side.name(), count);
        long start = System.nanoTime();
        send(
                List.of(side),
                count,
                (s, i) -> plan.created("SB-" + i, SlaPlan.backgroundDue(loadStart, plan.spread(), random)));
        awaitConsumed(List.of(side), deadline);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        progress.printf(
                "%s: %,d tickets consumed %.1f s after the first send (%,.0f tickets/s)%n",
                side.name(), count, seconds(took), count / seconds(took));
        return took;
    }

    /** Sends {@code count} events to each side, interleaved, with a producer tuned for throughput. */
    private void send(List<SlaSide> sides, int count, BiFunction<SlaSide, Integer, TicketEvent> event) {
        Properties p =
                ClientProperties.producer(KafkaSettings.defaults().withBootstrapServers(kafka.bootstrapServers()));
        // Batches fill in a few milliseconds at this rate; the wait only matters for the last one.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Topic<String, TicketEvent> topic = sides.get(0).ticketEvents();
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, TicketEvent> producer = new KafkaProducer<>(
                p, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (int i = 0; i < count && failed.get() == null; i++) {
                for (SlaSide side : sides) {
                    TicketEvent e = event.apply(side, i);
                    producer.send(
                            new ProducerRecord<>(side.ticketEvents().name(), e.getTicketId(), e), (metadata, error) -> {
                                if (error != null) {
                                    failed.compareAndSet(null, error);
                                }
                            });
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException(
                    "cannot write ticket events: " + failed.get().getMessage(), failed.get());
        }
    }

    private void awaitConsumed(List<SlaSide> sides, Instant deadline) throws InterruptedException, ExecutionException {
        for (SlaSide side : sides) {
            Map<TopicPartition, Long> ends = side.eventsEnd(admin);
            while (!side.consumed(admin, ends)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            side.name() + ": the SLA monitor did not consume its tickets by " + deadline);
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Until RocksDB has finished flushing and compacting what the load wrote (quiet for 2 s), so the
     * window measures a monitor in its steady state, not one paying a bulk load's compaction debt on
     * the same cores.
     */
    private Duration awaitStoresQuiet(SlaSide side, Instant deadline) throws InterruptedException {
        long start = System.nanoTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 2_000_000_000L) {
            if (side.storesBusy()) {
                quietSince = System.nanoTime();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(side.name() + ": RocksDB still compacting at " + deadline);
            }
            Thread.sleep(200);
        }
        Duration took = Duration.ofNanos(quietSince - start);
        progress.printf("%s: RocksDB flushes and compactions done %.1f s after the load%n", side.name(), seconds(took));
        return took;
    }

    /** Until each side has as many alerts as measured tickets (and 2 s more, for any duplicate), or the deadline. */
    private void awaitAlerts(int expected, Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline)
                && (large.alerts().count() < expected || small.alerts().count() < expected)) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000);
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long millis = Duration.between(Instant.now(), t).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /**
     * Heap in use after full collections. Approximate: System.gc() is a request, and the Streams
     * record cache (bounded, not per ticket) is part of it.
     */
    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
