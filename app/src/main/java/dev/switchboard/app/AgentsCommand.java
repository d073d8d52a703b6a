package dev.switchboard.app;

import dev.switchboard.agents.AgentMapper;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.CompactedTopic;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard agents}: the support team as data on the compacted agents topic, and presence. */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "Publish the agents file, or an agent's presence. See docs/agents.md.",
        subcommands = {AgentsCommand.Apply.class, AgentsCommand.Presence.class})
final class AgentsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every agents command shares. */
    static final class KafkaOptions {
        @Option(
                names = "--bootstrap-servers",
                paramLabel = "HOST:PORT",
                description =
                        "Kafka bootstrap servers (default: $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS or localhost:9092).")
        String bootstrapServers;

        @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "The deployment's topic prefix, if any.")
        String topicPrefix;

        KafkaSettings settings() {
            KafkaSettings kafka = KafkaSettings.defaults().resolve(System.getenv(), bootstrapServers);
            return topicPrefix == null ? kafka : kafka.withTopicPrefix(topicPrefix);
        }
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = {
                "Publish every agent of FILE to support.agents; the router and the SLA monitor pick the changes up live.",
                "Agents on the topic but no longer in the file are listed; --prune removes them."
            })
    static final class Apply implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The agents file, e.g. config/agents.yaml.")
        Path file;

        @Option(
                names = "--calendars",
                paramLabel = "FILE",
                description = "Holiday calendars agents may name (default: calendars.yaml next to FILE).")
        Path calendars;

        @Option(names = "--prune", description = "Remove agents that are on the topic but not in FILE.")
        boolean prune;

        @Mixin
        KafkaOptions kafka;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            ConfigLoader loader = ConfigLoader.fromEnvironment();
            List<Agent> agents = AgentMapper.load(
                    loader,
                    file,
                    Optional.ofNullable(calendars),
                    Clock.systemUTC().instant());
            KafkaSettings settings = kafka.settings();
            Topic<String, Agent> topic = settings.topics().agents();
            Set<String> known = currentIds(settings, topic);
            PrintWriter out = spec.commandLine().getOut();
            List<String> stale = new ArrayList<>(known);
            stale.removeAll(agents.stream().map(Agent::getId).toList());
            try (var producer = new KafkaProducer<>(
                    ClientProperties.producer(settings),
                    topic.keySerde().serializer(),
                    topic.valueSerde().serializer())) {
                for (Agent agent : agents) {
                    producer.send(new ProducerRecord<>(topic.name(), agent.getId(), agent))
                            .get();
                    out.printf(
                            "%s %s (%s, %s, %s)%n",
                            known.contains(agent.getId()) ? "updated" : "added",
                            agent.getId(),
                            agent.getRoutingGroup(),
                            agent.getTimeZone(),
                            String.join("/", agent.getLanguages()));
                }
                for (String id : stale) {
                    if (prune) {
                        producer.send(new ProducerRecord<>(topic.name(), id, null))
                                .get();
                        out.println("removed " + id);
                    } else {
                        out.println("still on the topic but not in the file: " + id + " (--prune removes it)");
                    }
                }
            } catch (ExecutionException e) {
                throw new CommandFailedException(
                        "Kafka did not take the agents: " + e.getCause().getMessage(), e);
            }
            out.flush();
            return 0;
        }

        private static Set<String> currentIds(KafkaSettings settings, Topic<String, Agent> topic) {
            try {
                return CompactedTopic.liveKeys(settings, topic.name());
            } catch (IllegalStateException e) {
                throw new CommandFailedException(e.getMessage() + " (switchboard broker or run creates it)", e);
            }
        }
    }

    @Command(
            name = "presence",
            mixinStandardHelpOptions = true,
            description = "Set an agent's presence (online, away, offline), as a helpdesk would.")
    static final class Presence implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent's id.")
        String agentId;

        @Parameters(index = "1", paramLabel = "STATE", description = "online, away or offline.")
        String state;

        @Mixin
        KafkaOptions kafka;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PresenceStatus status = switch (state.toLowerCase(Locale.ROOT)) {
                case "online" -> PresenceStatus.ONLINE;
                case "away" -> PresenceStatus.AWAY;
                case "offline" -> PresenceStatus.OFFLINE;
                default ->
                    throw new CommandFailedException("STATE must be online, away or offline, not '" + state + "'");
            };
            KafkaSettings settings = kafka.settings();
            Topic<String, AgentPresence> topic = settings.topics().agentPresence();
            AgentPresence presence =
                    new AgentPresence(agentId, status, Clock.systemUTC().instant(), "cli");
            try (var producer = new KafkaProducer<>(
                    ClientProperties.producer(settings),
                    topic.keySerde().serializer(),
                    topic.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topic.name(), agentId, presence))
                        .get();
            } catch (ExecutionException e) {
                throw new CommandFailedException(
                        "Kafka did not take the presence: " + e.getCause().getMessage(), e);
            }
            spec.commandLine()
                    .getOut()
                    .println(agentId + " is now " + status.name().toLowerCase(Locale.ROOT));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
