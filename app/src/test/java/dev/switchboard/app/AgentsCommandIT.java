package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.PresenceStatus;
import dev.switchboard.schemas.Topics;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(KafkaExtension.class)
class AgentsCommandIT {
    @TempDir
    Path dir;

    @Test
    void appliesTheShippedTeamThenPrunesWhoLeft(KafkaCluster kafka) throws Exception {
        Topics topics = kafka.newTopics();

        // when the shipped agents file is applied
        String out = run(
                "agents",
                "apply",
                "../config/agents.yaml",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic-prefix",
                topics.prefix());

        // then every agent is on the compacted topic with its holiday calendar resolved
        assertThat(out).contains("added amira (default, Africa/Cairo, ar/en)", "added omar (default, Asia/Riyadh, ar)");
        var agents = kafka.readAll(topics.agents(), Duration.ofSeconds(2));
        assertThat(agents).extracting(r -> r.key()).containsExactly("sarah", "amira", "omar", "maria", "jake", "layla");
        var omar = agents.get(2).value();
        assertThat(omar.getHolidayCalendar()).isEqualTo("riyadh-office");
        assertThat(omar.getHolidays()).contains("2026-09-23");
        assertThat(omar.getShifts()).hasSize(10);

        // when a smaller team is applied with --prune
        Path file = dir.resolve("agents.yaml");
        Files.writeString(file, "agents: [{id: amira, time-zone: Africa/Cairo, languages: [ar]}]");
        String second = run(
                "agents",
                "apply",
                file.toString(),
                "--prune",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic-prefix",
                topics.prefix());

        // then the others get tombstones
        assertThat(second).contains("updated amira", "removed sarah", "removed layla");
        var all = kafka.readAll(topics.agents(), Duration.ofSeconds(2));
        assertThat(all.subList(6, all.size()))
                .filteredOn(r -> r.value() == null)
                .extracting(r -> r.key())
                .containsExactlyInAnyOrder("sarah", "omar", "maria", "jake", "layla");
    }

    @Test
    void setsPresence(KafkaCluster kafka) throws Exception {
        Topics topics = kafka.newTopics();

        String out = run(
                "agents",
                "presence",
                "omar",
                "away",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic-prefix",
                topics.prefix());

        assertThat(out).contains("omar is now away");
        var presence = kafka.read(topics.agentPresence(), 1, Duration.ofSeconds(10));
        assertThat(presence).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("omar");
            assertThat(r.value().getStatus()).isEqualTo(PresenceStatus.AWAY);
            assertThat(r.value().getSource()).isEqualTo("cli");
        });
    }

    @Test
    void aBrokenAgentsFileIsOneClearLine(KafkaCluster kafka) throws Exception {
        Path file = dir.resolve("agents.yaml");
        Files.writeString(file, "agents: [{id: amira, time-zone: Africa/Cairo, shifts: {sun-thu: [9-5]}}]");

        CommandLine cli = SwitchboardCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("agents", "apply", file.toString(), "--bootstrap-servers", kafka.bootstrapServers());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("switchboard: configuration error: " + file + ": agents[amira].shifts:");
    }

    private static String run(String... args) {
        CommandLine cli = SwitchboardCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }
}
