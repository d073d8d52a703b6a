package dev.switchboard.app.run;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the demo reaches Switchboard, the way real customers and helpdesks do: mail by SMTP into
 * the demo mailbox, signed WhatsApp webhooks, helpdesk events on the bridge. Nothing takes a
 * shortcut onto Kafka.
 */
final class DemoClients {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final int smtpPort;
    private final String supportAddress;
    private final String whatsappSecret;
    private final String helpdeskToken;
    private final Clock clock;

    DemoClients(
            int httpPort,
            int smtpPort,
            String supportAddress,
            String whatsappSecret,
            String helpdeskToken,
            Clock clock) {
        this.base = "http://127.0.0.1:" + httpPort;
        this.smtpPort = smtpPort;
        this.supportAddress = supportAddress;
        this.whatsappSecret = whatsappSecret;
        this.helpdeskToken = helpdeskToken;
        this.clock = clock;
    }

    /** Sends a customer's email to the support address; returns its Message-ID (without brackets). */
    String email(String fromName, String fromAddress, String subject, String body, String inReplyTo)
            throws MessagingException, UnsupportedEncodingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtpPort));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(fromAddress, fromName, "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(supportAddress));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            message.setHeader("References", "<" + inReplyTo + ">");
        }
        message.saveChanges();
        Transport.send(message);
        String id = message.getMessageID();
        return id.substring(1, id.length() - 1);
    }

    /** Posts a WhatsApp Cloud API webhook with one text message, signed as Meta signs it. */
    int whatsapp(String waId, String name, String messageId, String text) throws IOException, InterruptedException {
        String body =
                """
                {"object":"whatsapp_business_account","entry":[{"id":"demo-waba","changes":[{"field":"messages",\
                "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",\
                "phone_number_id":"demo-shop"},"contacts":[{"profile":{"name":%s},"wa_id":"%s"}],\
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":%s}}]}}]}]}\
                """.formatted(json(name), waId, waId, messageId, clock.instant().getEpochSecond(), json(text));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(whatsappSecret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Posts helpdesk events to the bridge, as a helpdesk integration would. */
    int helpdesk(String json) throws IOException, InterruptedException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/helpdesk/events"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + helpdeskToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String json(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
