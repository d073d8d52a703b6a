package dev.switchboard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import dev.switchboard.schemas.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void keepsRecordsAndTopicSettingsAcrossRestarts() throws Exception {
        // given a broker with Switchboard's topics and one committed record
        KafkaSettings kafka;
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.of(dataDir, 0))) {
            kafka = KafkaSettings.defaults().withBootstrapServers(broker.bootstrapServers());
            try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
                List<String> created =
                        TopicAdmin.createTopics(admin, Topics.DEFAULT, Optional.empty(), Duration.ofSeconds(30));
                assertThat(created).contains("support.inbound.messages", "support.agents");
                var agents = new ConfigResource(ConfigResource.Type.TOPIC, "support.agents");
                ConfigEntry policy = admin.describeConfigs(List.of(agents))
                        .all()
                        .get()
                        .get(agents)
                        .get("cleanup.policy");
                assertThat(policy.value()).isEqualTo("compact");
            }
            produce(kafka, "support.inbound.messages", "k1", "first");
        }

        // when it restarts on the same data dir (on another port)
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.of(dataDir, 0))) {
            kafka = KafkaSettings.defaults().withBootstrapServers(broker.bootstrapServers());
            // then the topics are there, nothing to create, and the record survived
            try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
                assertThat(TopicAdmin.createTopics(admin, Topics.DEFAULT, Optional.empty(), Duration.ofSeconds(30)))
                        .isEmpty();
            }
            assertThat(consumeAll(kafka, "support.inbound.messages")).containsExactly("first");
        }
    }

    @Test
    void reportsABrokerThatDiesOnItsOwn() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.of(dataDir, 0))) {
            CompletableFuture<String> failure = new CompletableFuture<>();
            broker.onFailure(failure::complete);

            ProcessHandle.of(broker.pid()).orElseThrow().destroyForcibly();

            assertThat(failure.get(30, TimeUnit.SECONDS)).contains("exited with code");
            assertThat(broker.isAlive()).isFalse();
        }
    }

    @Test
    void aRestartAfterTheParentWasKilledWaitsForTheOrphanedBroker() throws Exception {
        // given a Switchboard process (a JVM with an embedded broker) that is killed with SIGKILL
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(
                        javaBin,
                        "-cp",
                        ManagementFactory.getRuntimeMXBean().getClassPath(),
                        BrokerParentMain.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        var reader = new BufferedReader(new InputStreamReader(parent.getInputStream()));
        String line;
        while ((line = reader.readLine()) != null && !line.startsWith("PARENT-READY")) {
            // the parent's log
        }
        assertThat(line).as("the parent started its broker").isNotNull();
        long orphan = Long.parseLong(
                Files.readString(dataDir.resolve("broker.pid")).strip().split(" ")[0]);
        parent.destroyForcibly().waitFor();

        // when Switchboard restarts at once on the same data dir
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.of(dataDir, 0))) {
            // then it waited for the orphan to stop instead of failing on Kafka's lock
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(broker.isAlive()).isTrue();
        }
    }

    @Test
    void waitsForABrokerLeftRunningByAKilledProcess() throws Exception {
        // given a broker-like process whose parent is gone (adopted by init), recorded in the data dir
        long orphan = orphanedProcess("sleep 8");
        Files.writeString(
                dataDir.resolve("broker.pid"),
                pidRecord(orphan, ProcessHandle.current().pid()));

        // when a broker starts on that data dir
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.of(dataDir, 0))) {
            // then it started only after the old one was gone
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(broker.isAlive()).isTrue();
        }
    }

    @Test
    void refusesADataDirWhoseBrokerBelongsToARunningSwitchboard() throws Exception {
        // given a broker-like process whose parent (this JVM) is alive
        Process owned =
                new ProcessBuilder("bash", "-c", "exec -a 'java dev.switchboard.broker.BrokerMain' sleep 30").start();
        try {
            Files.writeString(
                    dataDir.resolve("broker.pid"),
                    pidRecord(owned.pid(), ProcessHandle.current().pid()));

            assertThatThrownBy(() -> EmbeddedBroker.start(BrokerSettings.of(dataDir, 0)))
                    .isInstanceOf(BrokerFailedException.class)
                    .hasMessageContaining("is in use by the broker of another running Switchboard");
        } finally {
            owned.destroyForcibly().waitFor();
        }
    }

    /** The pid file's line for a process started by {@code parent}: pid, start time, parent pid. */
    private static String pidRecord(long pid, long parent) {
        long started = ProcessHandle.of(pid)
                .orElseThrow()
                .info()
                .startInstant()
                .orElseThrow()
                .toEpochMilli();
        return pid + " " + started + " " + parent;
    }

    /** Starts {@code command} under the name of a broker JVM, detached so that init adopts it. */
    private static long orphanedProcess(String command) throws Exception {
        Process shell = new ProcessBuilder(
                        "bash", "-c", "(exec -a 'java dev.switchboard.broker.BrokerMain' " + command + ") & echo $!")
                .start();
        String pid = new String(shell.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        shell.waitFor();
        return Long.parseLong(pid);
    }

    @Test
    void failsWithTheBrokersOwnErrorWhenThePortIsTaken() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            BrokerSettings settings = new BrokerSettings(dataDir, taken.getLocalPort(), "256m", Duration.ofSeconds(60));
            assertThatThrownBy(() -> EmbeddedBroker.start(settings))
                    .isInstanceOf(BrokerFailedException.class)
                    .hasMessageContaining("exited with code");
        }
        assertThat(Files.exists(dataDir.resolve("broker.log"))).isTrue();
    }

    private static void produce(KafkaSettings kafka, String topic, String key, String value) throws Exception {
        try (var producer =
                new KafkaProducer<>(ClientProperties.producer(kafka), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> consumeAll(KafkaSettings kafka, String topic) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
