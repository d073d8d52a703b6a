package dev.switchboard.router.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.switchboard.router.understanding.Analysis;
import dev.switchboard.router.understanding.MessageAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Scores the analyzer's intent decisions against labelled sets:
 *
 * <ul>
 *   <li>the project's evaluation set ({@code router/src/test/resources/eval/intents.jsonl}, format
 *       in docs/eval-set.md): subject and text are analysed as the router would, the language
 *       detected, not taken from the label;
 *   <li>the bitext customer-support corpus (English, 27 intents), mapped onto ours by
 *       {@link #BITEXT_TO_OURS}; see docs/router-evaluation.md for why each mapping.
 * </ul>
 */
public final class IntentEvaluation {
    public static final List<String> INTENTS = List.of(
            "order_status",
            "delivery_problem",
            "refund",
            "return",
            "exchange",
            "cancellation",
            "payment",
            "product_question",
            "account",
            "complaint",
            "other");

    /** Bitext's intents on ours. */
    public static final Map<String, String> BITEXT_TO_OURS = Map.ofEntries(
            Map.entry("cancel_order", "cancellation"),
            Map.entry("check_cancellation_fee", "cancellation"),
            Map.entry("track_order", "order_status"),
            Map.entry("delivery_period", "order_status"),
            Map.entry("get_refund", "refund"),
            Map.entry("track_refund", "refund"),
            Map.entry("check_refund_policy", "refund"),
            Map.entry("check_payment_methods", "payment"),
            Map.entry("payment_issue", "payment"),
            Map.entry("check_invoice", "payment"),
            Map.entry("get_invoice", "payment"),
            Map.entry("create_account", "account"),
            Map.entry("delete_account", "account"),
            Map.entry("edit_account", "account"),
            Map.entry("recover_password", "account"),
            Map.entry("registration_problems", "account"),
            Map.entry("switch_account", "account"),
            Map.entry("change_shipping_address", "account"),
            Map.entry("set_up_shipping_address", "account"),
            Map.entry("newsletter_subscription", "account"),
            Map.entry("complaint", "complaint"),
            Map.entry("review", "other"),
            Map.entry("contact_customer_service", "other"),
            Map.entry("contact_human_agent", "other"),
            Map.entry("delivery_options", "other"),
            Map.entry("place_order", "other"),
            Map.entry("change_order", "other"));

    private final MessageAnalyzer analyzer;

    public IntentEvaluation(MessageAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** One labelled message. */
    public record Labelled(String id, Optional<String> subject, String text, String channel, String intent) {}

    public EvaluationReport evaluate(List<Labelled> set, Consumer<String> onMiss) {
        EvaluationReport report = new EvaluationReport(INTENTS);
        for (Labelled m : set) {
            Analysis a = analyzer.analyze(m.subject(), m.text(), Optional.empty(), m.channel());
            String predicted = a.intent().intent();
            report.add(m.id(), m.intent(), predicted);
            if (!predicted.equals(m.intent())) {
                onMiss.accept(m.id() + " expected " + m.intent() + ", got " + predicted + " "
                        + a.intent().evidence());
            }
        }
        return report;
    }

    /** The project's set, JSON Lines as docs/eval-set.md describes. */
    public static List<Labelled> readJsonl(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<Labelled> set = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                set.add(new Labelled(
                        n.path("id").asText(),
                        Optional.ofNullable(n.get("subject")).map(JsonNode::asText),
                        n.path("text").asText(),
                        n.path("channel").asText("web"),
                        n.path("intent").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return set;
    }

    /** The bitext CSV, each request labelled with our intent through {@link #BITEXT_TO_OURS}. */
    public static List<Labelled> readBitext(Path csv) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Labelled> set = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows =
                mapper.readerFor(Map.class).with(schema).readValues(csv.toFile())) {
            int row = 0;
            while (rows.hasNext()) {
                Map<String, String> r = rows.next();
                row++;
                String ours = BITEXT_TO_OURS.get(r.get("intent"));
                if (ours == null) {
                    throw new IllegalStateException("bitext intent " + r.get("intent") + " has no mapping");
                }
                set.add(new Labelled(
                        "bitext-" + row + " (" + r.get("intent") + ")",
                        Optional.empty(),
                        r.get("instruction"),
                        "web",
                        ours));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + csv, e);
        }
        return set;
    }
}
