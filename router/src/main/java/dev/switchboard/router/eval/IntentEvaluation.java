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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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

    /**
     * One labelled message.
     *
     * @param amounts labelled amounts as {@code "<value> <CODE>"} with the value normalized
     *     ({@code "1249 AED"}), when the set labels them
     * @param urgent whether the set labels the message urgent, when it does
     */
    public record Labelled(
            String id,
            Optional<String> subject,
            String text,
            String channel,
            String intent,
            Optional<Set<String>> amounts,
            Optional<Set<String>> orders,
            Optional<Boolean> urgent) {
        public Labelled(String id, Optional<String> subject, String text, String channel, String intent) {
            this(id, subject, text, channel, intent, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** Signals that mean "urgent" in the set's sense (docs/eval-set.md). */
    static final Set<String> URGENT_SIGNALS =
            Set.of("urgent", "legal-threat", "chargeback", "all-caps", "repeated-contact");

    /**
     * How well amounts, order numbers and urgency are found, counted per item over the messages
     * that label them.
     */
    public record Extraction(Counts amounts, Counts orders, Counts urgent) {
        public String table() {
            return "| what | labelled | found | correct | precision | recall |\n|---|--:|--:|--:|--:|--:|\n"
                    + amounts.row("money amounts (value and currency)")
                    + orders.row("order numbers")
                    + urgent.row("urgent (signals urgent, legal-threat, chargeback, all-caps, repeated-contact)");
        }
    }

    /** Counts of one extraction. */
    public static final class Counts {
        private int labelled;
        private int found;
        private int correct;

        void add(Set<String> expected, Set<String> actual) {
            labelled += expected.size();
            found += actual.size();
            correct += (int) actual.stream().filter(expected::contains).count();
        }

        public double precision() {
            return found == 0 ? 0 : (double) correct / found;
        }

        public double recall() {
            return labelled == 0 ? 0 : (double) correct / labelled;
        }

        String row(String what) {
            return String.format(
                    java.util.Locale.ROOT,
                    "| %s | %d | %d | %d | %.2f | %.2f |%n",
                    what,
                    labelled,
                    found,
                    correct,
                    precision(),
                    recall());
        }
    }

    /** Scores amounts, order numbers and urgency on the messages that label them. */
    public Extraction extraction(List<Labelled> set) {
        Counts amounts = new Counts();
        Counts orders = new Counts();
        Counts urgent = new Counts();
        for (Labelled m : set) {
            Analysis a = analyzer.analyze(m.subject(), m.text(), Optional.empty(), m.channel());
            m.amounts()
                    .ifPresent(expected -> amounts.add(
                            expected,
                            a.amounts().stream()
                                    .map(x -> money(x.amount().toPlainString(), x.currency()))
                                    .collect(Collectors.toSet())));
            m.orders()
                    .ifPresent(expected -> orders.add(
                            expected.stream()
                                    .map(o -> o.toUpperCase(Locale.ROOT))
                                    .collect(Collectors.toSet()),
                            Set.copyOf(a.orderNumbers())));
            m.urgent()
                    .ifPresent(expected -> urgent.add(
                            expected ? Set.of("urgent") : Set.of(),
                            a.signals().stream().anyMatch(sig -> URGENT_SIGNALS.contains(sig.name()))
                                    ? Set.of("urgent")
                                    : Set.of()));
        }
        return new Extraction(amounts, orders, urgent);
    }

    static String money(String amount, String currency) {
        return new java.math.BigDecimal(amount).stripTrailingZeros().toPlainString() + " " + currency;
    }

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
                Optional<Set<String>> amounts = Optional.ofNullable(n.get("amounts"))
                        .map(list -> {
                            Set<String> values = new java.util.HashSet<>();
                            list.forEach(a -> values.add(money(
                                    a.path("amount").asText(),
                                    a.path("currency").asText())));
                            return values;
                        });
                Optional<Set<String>> orders = Optional.ofNullable(n.get("orders"))
                        .map(list -> {
                            Set<String> values = new java.util.HashSet<>();
                            list.forEach(o -> values.add(o.asText()));
                            return values;
                        });
                set.add(new Labelled(
                        n.path("id").asText(),
                        Optional.ofNullable(n.get("subject")).map(JsonNode::asText),
                        n.path("text").asText(),
                        n.path("channel").asText("web"),
                        n.path("intent").asText(),
                        amounts,
                        orders,
                        Optional.ofNullable(n.get("urgent")).map(JsonNode::asBoolean)));
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
