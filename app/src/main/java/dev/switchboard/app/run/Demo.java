package dev.switchboard.app.run;

import dev.switchboard.events.Agent;
import dev.switchboard.events.Capacity;
import dev.switchboard.events.WeeklyPeriod;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code switchboard run --demo}: a few minutes of a small shop's support, played through the
 * same doors real traffic uses, so every path shows in the live feed: customers write by email
 * and WhatsApp in English and Arabic, tickets are assigned with their reasons, a large refund is
 * escalated to an approver, tickets queue when agents are full, a solved ticket frees an agent,
 * an agent goes away and their untouched ticket moves on, a shift starts and drains the queue,
 * and SLA warnings and a breach fire.
 *
 * <p>The demo brings its own team, with shifts placed around the current time in the agents'
 * own zones (so someone is on shift whatever the hour), and short SLA targets from
 * {@code <config-dir>/demo/} (so alerts fire within minutes). Webhook and helpdesk secrets not
 * set in the environment are generated for the run.
 */
public final class Demo {
    private static final Logger log = LoggerFactory.getLogger(Demo.class);
    static final String[] SECRETS = {
        "META_APP_SECRET",
        "META_VERIFY_TOKEN",
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_VERIFY_TOKEN",
        "X_CONSUMER_SECRET",
        "WEB_FORM_SECRET",
        "HELPDESK_TOKEN"
    };

    private final Map<String, String> env;
    private final Clock clock;
    private final Path configDir;
    private final List<Agent> team;
    private final Instant shiftChange;

    private Demo(Map<String, String> env, Clock clock, Path configDir, List<Agent> team, Instant shiftChange) {
        this.env = env;
        this.clock = clock;
        this.configDir = configDir;
        this.team = team;
        this.shiftChange = shiftChange;
    }

    /**
     * Fills in missing secrets in {@code env}, composes the demo's config dir (the given one with
     * {@code demo/} on top) and builds the demo team.
     */
    public static Demo prepare(Map<String, String> env, Clock clock, Path configDir) {
        SecureRandom random = new SecureRandom();
        for (String name : SECRETS) {
            if (env.getOrDefault(name, "").isBlank()) {
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                env.put(name, "demo-" + HexFormat.of().formatHex(bytes));
            }
        }
        Instant now = clock.instant();
        // The third agent's shift starts on the next whole minute at least a minute from now.
        Instant shiftChange =
                now.plus(Duration.ofSeconds(75)).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<Agent> team = List.of(
                agent(
                        "nadia",
                        "نادية فاروق",
                        "Africa/Cairo",
                        List.of("ar", "en"),
                        List.of("refund-approver"),
                        3,
                        now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofHours(4)),
                        now),
                agent(
                        "tom",
                        "Tom Baker",
                        "Europe/London",
                        List.of("en"),
                        List.of(),
                        2,
                        now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofHours(4)),
                        now),
                agent(
                        "karim",
                        "كريم العتيبي",
                        "Asia/Riyadh",
                        List.of("ar", "en"),
                        List.of("manager"),
                        3,
                        shiftChange,
                        shiftChange.plus(Duration.ofHours(4)),
                        now));
        return new Demo(env, clock, compose(configDir), team, shiftChange);
    }

    public Path configDir() {
        return configDir;
    }

    public List<Agent> team() {
        return team;
    }

    /** Starts playing in the background. */
    public Running play(Pipeline pipeline, PrintWriter out) {
        DemoClients clients = new DemoClients(
                pipeline.httpPort(),
                pipeline.mailbox().map(DemoMailbox::smtpPort).orElse(-1),
                pipeline.mailbox().map(DemoMailbox::address).orElse("support@shop.example"),
                env.get("WHATSAPP_APP_SECRET"),
                env.get("HELPDESK_TOKEN"),
                clock);
        DemoScript script = new DemoScript(clients, pipeline.kafka(), clock, out, shiftChange);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo");
            t.setDaemon(true);
            return t;
        });
        out.println("Demo: the team is "
                + String.join(
                        ", ",
                        team.stream()
                                .map(a -> a.getId() + " (" + a.getTimeZone() + ")")
                                .toList()) + "; karim's shift starts at "
                + shiftChange.atZone(ZoneId.of("Asia/Riyadh")).toLocalTime()
                + " Asia/Riyadh. Customers start writing now.");
        out.flush();
        script.schedule(executor);
        return new Running(executor, script);
    }

    /** A demo in progress; closing stops it. */
    public static final class Running implements AutoCloseable {
        private final ScheduledExecutorService executor;
        private final DemoScript script;

        Running(ScheduledExecutorService executor, DemoScript script) {
            this.executor = executor;
            this.script = script;
        }

        @Override
        public void close() {
            executor.shutdownNow();
            script.close();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * An agent on shift from {@code start} to {@code end}, written as weekly periods in their own
     * zone (minute resolution), like any agent's shifts.
     */
    static Agent agent(
            String id,
            String name,
            String zone,
            List<String> languages,
            List<String> roles,
            int capacity,
            Instant start,
            Instant end,
            Instant now) {
        ZoneId z = ZoneId.of(zone);
        List<WeeklyPeriod> shifts = new ArrayList<>();
        ZonedDateTime from = start.atZone(z).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime to = end.atZone(z).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime cursor = from;
        while (cursor.isBefore(to)) {
            ZonedDateTime dayEnd = cursor.toLocalDate().plusDays(1).atStartOfDay(z);
            ZonedDateTime until = to.isBefore(dayEnd) ? to : dayEnd;
            LocalTime endTime = until.equals(dayEnd) ? LocalTime.MIDNIGHT : until.toLocalTime();
            DayOfWeek day = cursor.getDayOfWeek();
            shifts.add(new WeeklyPeriod(day.getValue(), cursor.toLocalTime(), endTime));
            cursor = until;
        }
        return Agent.newBuilder()
                .setId(id)
                .setName(name)
                .setEmail(id + "@shop.example")
                .setRoutingGroup("default")
                .setTeams(List.of("support", "billing"))
                .setLanguages(languages)
                .setRoles(roles)
                .setCapacity(Capacity.newBuilder()
                        .setTotal(capacity)
                        .setPerChannelKind(Map.of())
                        .build())
                .setTimeZone(zone)
                .setShifts(shifts)
                .setUpdatedAt(now)
                .build();
    }

    /** The user's config dir with {@code demo/} laid over it, in a temporary directory. */
    private static Path compose(Path configDir) {
        try {
            Path dir = Files.createTempDirectory("switchboard-demo-config");
            dir.toFile().deleteOnExit();
            copyYaml(configDir, dir);
            Path overlay = configDir.resolve("demo");
            if (Files.isDirectory(overlay)) {
                copyYaml(overlay, dir);
            } else {
                log.warn("{} is missing: the demo uses the normal SLA targets, so alerts take hours", overlay);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the demo's configuration", e);
        }
    }

    private static void copyYaml(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Path target = to.resolve(f.getFileName());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
            }
        }
    }
}
