package dev.switchboard.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ingest.social.Platform;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Which requests does the webhook benchmark send? Signed webhook batches as Meta delivers them:
 * six in ten WhatsApp Cloud API bodies ({@code entry[].changes[].value.messages[]} from one to
 * three customers with their {@code contacts[]}: text, images with captions, button and list
 * replies, locations, replies to an earlier message), four in ten Messenger bodies
 * ({@code entry[].messaging[]} over one or two entries: text, quick replies, image attachments,
 * postbacks), in English and Arabic ({@link SupportText}). Each body carries the platform's
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>} with the app secret.
 *
 * <p>Deterministic for a seed and index, and every message id (wamid, mid) is unique per index, so
 * each message of a run can be counted once on Kafka. Limits: no statuses, echoes, reactions or
 * media-only messages; Meta rarely batches as many messages per request as the benchmark asks for.
 */
final class WebhookPayloads {
    /** One signed request and how many customer messages its body carries. */
    record Request(Platform platform, byte[] body, String signature, int messages) {}

    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String PAGE_ID = "106729815511208";
    private static final long FIRST_SECOND = 1_795_685_400L;

    private final ObjectMapper json = new ObjectMapper();
    private final long seed;
    private final Mac metaMac;
    private final Mac whatsappMac;

    WebhookPayloads(long seed, String metaSecret, String whatsappSecret) {
        this.seed = seed;
        this.metaMac = mac(metaSecret);
        this.whatsappMac = mac(whatsappSecret);
    }

    /** Request {@code index} with {@code messages} customer messages. */
    Request request(int index, int messages) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        boolean whatsapp = r.nextInt(10) < 6;
        ObjectNode body = whatsapp ? whatsapp(index, messages, r) : messenger(index, messages, r);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson cannot write a tree it built", e);
        }
        Mac mac = whatsapp ? whatsappMac : metaMac;
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
        return new Request(whatsapp ? Platform.WHATSAPP : Platform.META, bytes, signature, messages);
    }

    private ObjectNode whatsapp(int index, int messages, SplittableRandom r) {
        ObjectNode root = json.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry")
                .addObject()
                .put("id", "102290129340398")
                .putArray("changes")
                .addObject();
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        change.put("field", "messages");
        value.putObject("metadata").put("display_phone_number", "15550783881").put("phone_number_id", PHONE_NUMBER_ID);
        int customers = 1 + r.nextInt(Math.min(3, messages));
        boolean[] arabic = new boolean[customers];
        ArrayNode contacts = value.putArray("contacts");
        for (int c = 0; c < customers; c++) {
            arabic[c] = r.nextBoolean();
            contacts.addObject()
                    .put("wa_id", waId(index, c))
                    .putObject("profile")
                    .put("name", SupportText.name(r, arabic[c]));
        }
        ArrayNode list = value.putArray("messages");
        for (int k = 0; k < messages; k++) {
            int c = k % customers;
            ObjectNode m = list.addObject()
                    .put("from", waId(index, c))
                    .put("id", "wamid.bench" + seed + "x" + index + "x" + k)
                    .put("timestamp", Long.toString(FIRST_SECOND + index * 10L + k));
            int kind = r.nextInt(20);
            if (kind < 14) {
                m.put("type", "text").putObject("text").put("body", SupportText.request(r, arabic[c]));
            } else if (kind < 16) {
                m.put("type", "image")
                        .putObject("image")
                        .put("caption", SupportText.filler(r, arabic[c], 1))
                        .put("mime_type", "image/jpeg")
                        .put("sha256", "KDg+ciJdAmP3HQFnnBuPMRAmEd8HUM1H7tf0oEr2z2U=")
                        .put("id", Long.toString(1_003_383_421_387_256L + index * 100L + k));
            } else if (kind < 18) {
                m.put("type", "interactive")
                        .putObject("interactive")
                        .put("type", "button_reply")
                        .putObject("button_reply")
                        .put("id", "refund-yes")
                        .put("title", arabic[c] ? "نعم، أبغى استرداد" : "Yes, refund me");
                m.putObject("context").put("from", "15550783881").put("id", "wamid.shop" + index);
            } else if (kind < 19) {
                m.put("type", "location")
                        .putObject("location")
                        .put("latitude", 24.7136 + r.nextDouble() / 100)
                        .put("longitude", 46.6753 + r.nextDouble() / 100)
                        .put("name", "Home");
            } else {
                m.put("type", "button")
                        .putObject("button")
                        .put("payload", "TALK_TO_AGENT")
                        .put("text", "Talk to an agent");
            }
        }
        return root;
    }

    private ObjectNode messenger(int index, int messages, SplittableRandom r) {
        ObjectNode root = json.createObjectNode().put("object", "page");
        ArrayNode entries = root.putArray("entry");
        int split = messages > 1 && r.nextBoolean() ? 1 + r.nextInt(messages - 1) : messages;
        ArrayNode events = null;
        boolean arabic = r.nextBoolean();
        for (int k = 0; k < messages; k++) {
            if (k == 0 || k == split) {
                events = entries.addObject()
                        .put("id", PAGE_ID)
                        .put("time", (FIRST_SECOND + index * 10L) * 1000 + k)
                        .putArray("messaging");
            }
            String psid = Long.toString(6_634_287_186_600_000L + index * 4L + (k < split ? 0 : 1));
            ObjectNode event = events.addObject();
            event.putObject("sender").put("id", psid);
            event.putObject("recipient").put("id", PAGE_ID);
            event.put("timestamp", (FIRST_SECOND + index * 10L + k) * 1000);
            String mid = "m_bench" + seed + "x" + index + "x" + k;
            int kind = r.nextInt(10);
            if (kind < 7) {
                event.putObject("message").put("mid", mid).put("text", SupportText.request(r, arabic));
            } else if (kind < 8) {
                ObjectNode m = event.putObject("message").put("mid", mid).put("text", "Track my order");
                m.putObject("quick_reply").put("payload", "TRACK_ORDER_" + index);
            } else if (kind < 9) {
                ObjectNode m = event.putObject("message").put("mid", mid).put("text", "The box arrived crushed");
                m.putArray("attachments")
                        .addObject()
                        .put("type", "image")
                        .putObject("payload")
                        .put("url", "https://scontent.xx.fbcdn.net/v/t1.15752-9/bench_" + index + "_" + k + ".jpg");
            } else {
                event.putObject("postback")
                        .put("mid", mid)
                        .put("title", "Talk to a person")
                        .put("payload", "HUMAN_HANDOFF");
            }
        }
        return root;
    }

    private static String waId(int index, int customer) {
        return Long.toString(966_500_000_000L + index * 3L + customer);
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HMAC-SHA256", e);
        }
    }
}
