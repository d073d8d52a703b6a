package dev.switchboard.app;

import dev.switchboard.app.feed.LiveFeed;
import dev.switchboard.app.run.Demo;
import dev.switchboard.app.run.Pipeline;
import dev.switchboard.broker.BrokerFailedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard run}: the whole pipeline in one JVM on an embedded broker, with a live feed
 * of what happens; {@code --demo} also plays a realistic stream of customers and agents.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole pipeline in one JVM: an embedded Kafka broker, the topics, the agents, routing rules and"
                    + " SLA policies of the config dir, a demo mailbox, ingest-email, ingest-social, the router, the SLA"
                    + " monitor and the helpdesk bridge, printing what happens.",
            "With --demo, customers write by email and WhatsApp in English and Arabic and agents answer.",
            "Data stays in --data-dir: a restart continues where it stopped. Ctrl-C stops it."
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            paramLabel = "DIR",
            description = "Where the broker and the services keep their data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--config-dir",
            defaultValue = "config",
            paramLabel = "DIR",
            description = "The services' configuration files (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            paramLabel = "P",
            description = "Kafka's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            paramLabel = "P",
            description =
                    "Webhooks, POST /helpdesk/events, /health and /metrics on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--imap-port",
            defaultValue = "3143",
            paramLabel = "P",
            description = "The demo mailbox's IMAP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int imapPort;

    @Option(
            names = "--smtp-port",
            defaultValue = "3025",
            paramLabel = "P",
            description = "The demo mailbox's SMTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(
            names = "--demo",
            description = "Play a demo: customers, agents, queues, a shift change, an escalation, SLA alerts.")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> env = new HashMap<>(System.getenv());
        Optional<Demo> script = demo ? Optional.of(Demo.prepare(env, Clock.systemUTC(), configDir)) : Optional.empty();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        var registry = ManagementServer.registry();
        Pipeline.Options options = new Pipeline.Options(
                dataDir,
                script.map(Demo::configDir).orElse(configDir),
                kafkaPort,
                httpPort,
                imapPort,
                smtpPort,
                env,
                script.map(Demo::team));
        long started = System.nanoTime();
        Pipeline pipeline;
        try {
            pipeline = Pipeline.start(options, registry, reason -> {
                failure.set(reason);
                stop.countDown();
            });
        } catch (BrokerFailedException e) {
            throw new CommandFailedException(
                    e.getMessage()
                            + (e.getMessage().contains("exited")
                                    ? " (is port " + kafkaPort + " free? --kafka-port chooses another)"
                                    : ""),
                    e);
        } catch (dev.switchboard.http.WebServer.StartFailedException e) {
            throw new CommandFailedException(e.getMessage() + " (--http-port chooses another)", e);
        }
        LiveFeed feed = new LiveFeed(pipeline.kafka(), out, ZoneId.systemDefault()).start();
        Thread hook = new Thread(stop::countDown, "switchboard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        banner(out, pipeline, (System.nanoTime() - started) / 1_000_000);
        Optional<Demo.Running> playing = script.map(s -> s.play(pipeline, out));
        try {
            stop.await();
        } finally {
            out.println("Stopping…");
            out.flush();
            playing.ifPresent(Demo.Running::close);
            feed.close();
            pipeline.close();
        }
        if (failure.get() != null) {
            throw new CommandFailedException(failure.get());
        }
        return 0;
    }

    private void banner(PrintWriter out, Pipeline pipeline, long startMillis) {
        String http = "http://127.0.0.1:" + pipeline.httpPort();
        out.println("Switchboard is running (ready in " + startMillis + " ms). Ctrl-C stops it; data stays in "
                + dataDir.toAbsolutePath() + ".");
        out.println(
                "  Kafka            " + pipeline.bootstrapServers() + "   (switchboard tail support.tickets.assignments"
                        + " --bootstrap-servers " + pipeline.bootstrapServers() + ")");
        pipeline.mailbox()
                .ifPresent(m -> out.println("  demo mailbox     SMTP 127.0.0.1:" + m.smtpPort() + "  IMAP 127.0.0.1:"
                        + m.imapPort() + "   (mail to " + m.address() + " becomes a ticket)"));
        out.println("  webhooks         " + http + "/webhooks/{meta,whatsapp,x,web}");
        out.println("  helpdesk         " + http + "/helpdesk/events");
        out.println("  health, metrics  " + http + "/health  " + http + "/metrics");
        out.println("  agents           "
                + String.join(
                        ", ", pipeline.agents().stream().map(a -> a.getId()).toList()));
        out.println();
        out.flush();
    }
}
