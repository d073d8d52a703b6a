package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.bridge.BridgeConfig;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.ingest.email.EmailIngestConfig;
import dev.switchboard.ingest.social.IngestSocialConfig;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.sla.SlaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * No container runs on our machines, so docker-compose.yml is checked against what exists: every
 * Switchboard service's command parses with the real CLI, names a config file that is in the image
 * and loads with the environment compose gives it, publishes and health-checks the port it serves,
 * and sets no environment variable its configuration does not read.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Map<String, String> LOADS = Map.of(
            "ingest-email", "email",
            "ingest-social", "social",
            "router", "router",
            "sla-monitor", "sla",
            "bridge", "bridge");

    private final JsonNode compose = read(ROOT.resolve("docker-compose.yml"));

    @Test
    void theImageHoldsTheJarTheLauncherAndTheConfig() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile)
                .contains("COPY app/target/switchboard.jar /opt/switchboard/switchboard.jar")
                .contains("COPY docker/switchboard /usr/local/bin/switchboard")
                .contains("COPY config /config")
                .contains("ENTRYPOINT [\"switchboard\"]");
        assertThat(Files.readString(ROOT.resolve("docker/switchboard")))
                .contains("-jar /opt/switchboard/switchboard.jar");
        assertThat(compose.at("/services/kafka/image").asText()).startsWith("apache/kafka:4.");
    }

    @Test
    void initCreatesTheTopicsAndPublishesTheTeamWithRealCommands() {
        String script = compose.at("/services/init/command/0").asText();
        List<String> steps = List.of(script.split("&&"));

        assertThat(steps).hasSize(2);
        for (String step : steps) {
            List<String> words = List.of(step.trim().split("\\s+"));
            assertThat(words.get(0)).isEqualTo("switchboard");
            parse(words.subList(1, words.size()));
        }
        assertThat(script).contains("agents apply /config/agents.yaml");
        assertThat(ROOT.resolve("config/agents.yaml")).exists();
    }

    @TestFactory
    List<DynamicTest> everyServiceRunsARealCommandWithARealConfig() {
        List<DynamicTest> tests = new ArrayList<>();
        compose.get("services").fields().forEachRemaining(entry -> {
            JsonNode service = entry.getValue();
            if (!service.path("image").asText().startsWith("switchboard")
                    || entry.getKey().equals("init")) {
                return;
            }
            tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> checkService(entry.getKey(), service)));
        });
        assertThat(tests)
                .extracting(DynamicTest::getDisplayName)
                .containsExactlyInAnyOrder("ingest-email", "ingest-social", "router", "sla-monitor", "bridge");
        return tests;
    }

    private void checkService(String name, JsonNode service) throws Exception {
        List<String> command = new ArrayList<>();
        service.get("command").forEach(c -> command.add(c.asText()));
        assertThat(command.get(0)).as("the command of %s", name).isEqualTo(name);
        parse(command);

        // the config file is in the image and loads with the environment compose sets
        String configArg = argument(command, "--config");
        assertThat(configArg).startsWith("/config/");
        Path config = ROOT.resolve("config").resolve(configArg.substring("/config/".length()));
        assertThat(config).exists();
        Map<String, String> env = environment(service);
        load(LOADS.get(name), config, env);

        // every variable compose sets is read by the configuration (or by the image itself)
        String text = Files.readString(config);
        for (String variable : env.keySet()) {
            if (!variable.startsWith("SWITCHBOARD_")) {
                assertThat(text)
                        .as("%s sets %s, which %s never reads", name, variable, config.getFileName())
                        .contains("${" + variable);
            }
        }

        // the port it serves is published and health-checked
        String port = command.contains("--http-port") ? argument(command, "--http-port") : argument(command, "--port");
        List<String> ports = new ArrayList<>();
        service.path("ports").forEach(p -> ports.add(p.asText()));
        assertThat(ports).contains(port + ":" + port);
        List<String> check = new ArrayList<>();
        service.at("/healthcheck/test").forEach(t -> check.add(t.asText()));
        assertThat(check).contains("http://localhost:" + port + "/health");
        assertThat(service.path("depends_on").has("init")).isTrue();
    }

    private static void parse(List<String> args) {
        CommandLine.ParseResult result = SwitchboardCommand.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(result.hasSubcommand())
                .as("%s names a switchboard command", args)
                .isTrue();
    }

    private static void load(String kind, Path config, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader(env);
        switch (kind) {
            case "email" -> loader.load(config, EmailIngestConfig.class);
            case "social" -> loader.load(config, IngestSocialConfig.class);
            case "router" -> RouterConfig.load(loader, config);
            case "sla" -> SlaConfig.load(loader, config);
            case "bridge" -> loader.load(config, BridgeConfig.class);
            default -> throw new IllegalArgumentException(kind);
        }
    }

    /** The service's environment as compose sets it when the host provides nothing: the defaults. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        service.path("environment").fields().forEachRemaining(e -> {
            Matcher m = VARIABLE.matcher(e.getValue().asText());
            env.put(
                    e.getKey(),
                    m.matches()
                            ? (m.group(2) == null ? "" : m.group(2))
                            : e.getValue().asText());
        });
        return env;
    }

    private static String argument(List<String> command, String option) {
        int i = command.indexOf(option);
        assertThat(i).as("%s has %s", command, option).isNotNegative();
        return command.get(i + 1);
    }

    private static JsonNode read(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
