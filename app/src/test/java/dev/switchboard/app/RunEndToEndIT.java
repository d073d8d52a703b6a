package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard run} as a user runs it: the built jar in its own process, fed through its
 * real doors (SMTP into the demo mailbox, a signed WhatsApp webhook, the helpdesk bridge), watched
 * through {@code switchboard tail}; then killed and restarted on the same data dir.
 */
class RunEndToEndIT {
    private static final Path JAR = Path.of("target/switchboard.jar");
    private static final String WHATSAPP_SECRET = "e2e-whatsapp-secret";
    private static final String HELPDESK_TOKEN = "e2e-helpdesk-token";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Process run;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private int kafkaPort;
    private int httpPort;
    private int imapPort;
    private int smtpPort;

    @AfterEach
    void stop() throws Exception {
        if (run != null && run.isAlive()) {
            run.destroy();
            run.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void ticketsAssignmentsSlaAndARestartThatLosesAndRepeatsNothing() throws Exception {
        // given Switchboard running with one agent always on shift and one-minute first-reply targets
        Path config = config();
        kafkaPort = freePort();
        httpPort = freePort();
        imapPort = freePort();
        smtpPort = freePort();
        start(config);

        // when a customer emails and another writes on WhatsApp
        email("Emma Clarke", "emma@example.com", "Where is my order 48213?", "It has been nine days. Any news?");
        assertThat(whatsapp("966500000001", "ليلى", "wamid.e2e-1", "أبغى استرداد ٣٠٠ ريال عن الطلب ٧٧٣١"))
                .isEqualTo(200);

        // then both become tickets, each assigned with its explanation
        List<JsonNode> assignments = awaitRecords(
                "support.tickets.assignments",
                2,
                records -> records.stream()
                                .filter(r -> action(r).equals("ASSIGNED"))
                                .count()
                        >= 2);
        List<JsonNode> assigned =
                assignments.stream().filter(r -> action(r).equals("ASSIGNED")).toList();
        assertThat(assigned).allSatisfy(a -> {
            assertThat(a.at("/value/agentId").asText()).isEqualTo("ana");
            assertThat(a.at("/value/explanation")).isNotEmpty();
        });
        String emailTicket = ticketOf(assigned, "EMAIL");
        String whatsappTicket = ticketOf(assigned, "WHATSAPP");

        // when the agent answers the email through the helpdesk bridge
        assertThat(helpdesk("{\"type\":\"agent_replied\",\"event_id\":\"e2e-reply-1\",\"ticket_id\":\"" + emailTicket
                        + "\",\"agent_id\":\"ana\",\"message_id\":\"<e2e-reply-1@shop.example>\"}"))
                .isEqualTo(200);

        // then its first-reply target is met, while the unanswered WhatsApp ticket warns, then breaches, on time
        await().atMost(Duration.ofSeconds(60))
                .until(() -> firstReplyState(emailTicket).equals("MET"));
        List<JsonNode> alerts = awaitRecords(
                "support.sla.alerts",
                2,
                records -> records.stream()
                        .anyMatch(r -> r.at("/value/ticketId").asText().equals(whatsappTicket)
                                && r.at("/value/level").asText().equals("BREACHED")));
        JsonNode warning = alert(alerts, whatsappTicket, "WARNING");
        JsonNode breach = alert(alerts, whatsappTicket, "BREACHED");
        assertThat(Instant.parse(warning.at("/value/firedAt").asText()))
                .isBefore(Instant.parse(warning.at("/value/dueAt").asText()));
        assertThat(Duration.between(
                        Instant.parse(breach.at("/value/dueAt").asText()),
                        Instant.parse(breach.at("/value/firedAt").asText())))
                .isLessThan(Duration.ofSeconds(2));
        assertThat(alerts)
                .noneMatch(a -> a.at("/value/ticketId").asText().equals(emailTicket)
                        && a.at("/value/level").asText().equals("BREACHED"));

        // when the process is killed and started again on the same data dir, and one more email arrives
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        start(config);
        email("Daniel Kim", "dkim@example.com", "Charged twice", "I was charged twice for order 66012.");

        // then the new email becomes a ticket, and nothing before the crash was lost or repeated
        List<JsonNode> events = awaitRecords(
                "support.tickets.events",
                3,
                records ->
                        records.stream().filter(r -> type(r).equals("CREATED")).count() >= 3);
        assertThat(events.stream()
                        .filter(r -> type(r).equals("CREATED"))
                        .map(r -> r.get("key").asText()))
                .hasSize(3)
                .doesNotHaveDuplicates();
        List<JsonNode> finalAssignments = records("support.tickets.assignments");
        assertThat(finalAssignments.stream()
                        .filter(r -> action(r).equals("ASSIGNED"))
                        .map(r -> r.get("key").asText()))
                .doesNotHaveDuplicates()
                .contains(emailTicket, whatsappTicket);
        assertThat(records("support.sla.alerts").stream()
                        .map(r -> r.at("/value/alertId").asText()))
                .doesNotHaveDuplicates();
    }

    private void start(Path config) throws Exception {
        output.clear();
        ProcessBuilder builder = new ProcessBuilder(
                java(),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.switchboard.events",
                "-jar",
                JAR.toString(),
                "run",
                "--data-dir",
                dir.resolve("data").toString(),
                "--config-dir",
                config.toString(),
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--http-port",
                Integer.toString(httpPort),
                "--imap-port",
                Integer.toString(imapPort),
                "--smtp-port",
                Integer.toString(smtpPort));
        builder.environment().put("WHATSAPP_APP_SECRET", WHATSAPP_SECRET);
        builder.environment().put("WHATSAPP_VERIFY_TOKEN", "e2e-verify-token");
        builder.environment().put("HELPDESK_TOKEN", HELPDESK_TOKEN);
        builder.redirectErrorStream(true);
        run = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .failFast("switchboard run exited: " + output, () -> !run.isAlive())
                .until(() -> output.stream().anyMatch(l -> l.startsWith("Switchboard is running")));
    }

    /** The shipped configuration with a test team and short SLA targets. */
    private Path config() throws IOException {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        try (Stream<Path> files = Files.list(Path.of("../config"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, config.resolve(f.getFileName()));
            }
        }
        Files.writeString(config.resolve("agents.yaml"), """
                agents:
                  - id: ana
                    name: Ana Haddad
                    teams: [support, billing]
                    languages: [en, ar]
                    roles: [refund-approver, manager]
                    capacity: {total: 10}
                    time-zone: UTC
                    shifts: {every-day: [00:00-24:00]}
                """);
        Files.writeString(config.resolve("sla.yaml"), """
                calendars: calendars.yaml
                defaults: {calendar: 24/7, warn-at: 50%, warn-before: 10s, on-breach: notify-lead}
                policies:
                  - name: e2e
                    first-reply: 1m
                    next-reply: 1m
                    resolution: 10m
                """);
        return config;
    }

    private void email(String name, String from, String subject, String body) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtpPort));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from, name, "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("support@shop.example"));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        Transport.send(message);
    }

    private int whatsapp(String waId, String name, String id, String text) throws Exception {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"waba","changes":[{"field":"messages","value":\
                {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"shop"},\
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],"messages":[{"from":"%s","id":"%s",\
                "timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}\
                """.formatted(name, waId, waId, id, Instant.now().getEpochSecond(), text);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WHATSAPP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/webhooks/whatsapp"))
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int helpdesk(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/helpdesk/events"))
                .header("Authorization", "Bearer " + HELPDESK_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String firstReplyState(String ticket) throws Exception {
        String state = "";
        for (JsonNode r : records("support.sla.status")) {
            if (r.get("key").asText().equals(ticket) && !r.get("value").isNull()) {
                for (JsonNode clock : r.at("/value/clocks")) {
                    if (clock.get("metric").asText().equals("FIRST_REPLY")) {
                        state = clock.get("state").asText();
                    }
                }
            }
        }
        return state;
    }

    private List<JsonNode> awaitRecords(String topic, int atLeast, java.util.function.Predicate<List<JsonNode>> done) {
        List<List<JsonNode>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    List<JsonNode> records = records(topic);
                    last.clear();
                    last.add(records);
                    return records.size() >= atLeast && done.test(records);
                });
        return last.get(0);
    }

    /** Every committed record of a topic, read with {@code switchboard tail} as ops would. */
    private List<JsonNode> records(String topic) throws Exception {
        Process tail = new ProcessBuilder(
                        java(),
                        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.switchboard.events",
                        "-jar",
                        JAR.toString(),
                        "tail",
                        topic,
                        "--from-beginning",
                        "--idle-timeout",
                        "2s",
                        "--bootstrap-servers",
                        "127.0.0.1:" + kafkaPort)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(tail.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                records.add(json.readTree(line));
            }
        }
        assertThat(tail.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return records;
    }

    private static String action(JsonNode record) {
        return record.at("/value/action").asText();
    }

    private static String type(JsonNode record) {
        return record.at("/value/type").asText();
    }

    private static String ticketOf(List<JsonNode> assignments, String channel) {
        return assignments.stream()
                .filter(a -> a.at("/value/ticket/channel").asText().equals(channel))
                .map(a -> a.get("key").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + channel + " ticket in " + assignments));
    }

    private static JsonNode alert(List<JsonNode> alerts, String ticket, String level) {
        return alerts.stream()
                .filter(a -> a.at("/value/ticketId").asText().equals(ticket)
                        && a.at("/value/level").asText().equals(level))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + level + " for " + ticket + " in " + alerts));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
