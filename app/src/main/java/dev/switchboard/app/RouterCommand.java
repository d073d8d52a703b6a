package dev.switchboard.app;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.router.TicketRouter;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.config.RoutingRules;
import dev.switchboard.router.eval.EvaluationReport;
import dev.switchboard.router.eval.IntentEvaluation;
import dev.switchboard.router.understanding.MessageAnalyzer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard router --config FILE}: the router service (inbound messages → ticket events,
 * and tickets → agents: assignments) until Ctrl-C; {@code switchboard router evaluate}: the intent rules scored on labelled sets.
 */
@Command(
        name = "router",
        mixinStandardHelpOptions = true,
        description = "Turn inbound messages into prioritized, classified, escalated tickets and assign them to"
                + " agents who are working now (Kafka Streams).",
        subcommands = {RouterCommand.Evaluate.class})
final class RouterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions service;

    @Option(
            names = "--http-port",
            paramLabel = "P",
            defaultValue = "8082",
            description = "Port of /health and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig loaded = RouterConfig.load(ConfigLoader.fromEnvironment(), service.config("config/router.yaml"));
        KafkaSettings kafka = service.kafka(loaded.kafka());
        RouterConfig resolved = loaded.withKafka(kafka);
        ServiceOptions.ensureTopics(kafka);
        UntilStopped running = new UntilStopped("router");
        var registry = ManagementServer.registry();
        TicketRouter router = running.add(new TicketRouter(resolved, registry));
        var http = running.add(ManagementServer.start(
                TicketRouter.APPLICATION_ID,
                httpPort,
                registry,
                Map.of("streams", ManagementServer.streams(router::state))));
        router.start();
        spec.commandLine()
                .getErr()
                .println("Router running on " + kafka.bootstrapServers() + ": "
                        + kafka.topics().inboundMessages().name() + " -> "
                        + kafka.topics().ticketEvents().name() + ", assigning to agents of "
                        + kafka.topics().agents().name() + " -> "
                        + kafka.topics().assignments().name() + " (rules "
                        + resolved.rules().classifierName() + "); /health and /metrics on port " + http.port()
                        + ". Ctrl-C stops it.");
        return running.await();
    }

    /** {@code switchboard router evaluate}: precision, recall and F1 per intent. */
    @Command(
            name = "evaluate",
            mixinStandardHelpOptions = true,
            description = "Score the intent rules on labelled sets: precision, recall and F1 per intent.")
    static final class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--rules",
                paramLabel = "FILE",
                defaultValue = "config/routing.yaml",
                description = "The routing rules (default: ${DEFAULT-VALUE}).")
        Path rules;

        @Option(
                names = "--set",
                paramLabel = "FILE",
                description =
                        "A labelled set in JSON Lines (docs/eval-set.md), e.g. router/src/test/resources/eval/intents.jsonl.")
        List<Path> sets = new ArrayList<>();

        @Option(
                names = "--bitext",
                paramLabel = "FILE",
                description = "The bitext customer-support CSV, its intents mapped onto ours.")
        Path bitext;

        @Option(names = "--misses", description = "Also print every misclassified message's id and evidence.")
        boolean misses;

        @Override
        public Integer call() {
            if (sets.isEmpty() && bitext == null) {
                throw new CommandFailedException("give at least one labelled set: --set FILE or --bitext FILE");
            }
            PrintWriter out = spec.commandLine().getOut();
            RoutingRules routing = RoutingRules.load(ConfigLoader.fromEnvironment(), rules);
            IntentEvaluation evaluation = new IntentEvaluation(new MessageAnalyzer(routing));
            for (Path set : sets) {
                List<IntentEvaluation.Labelled> messages = IntentEvaluation.readJsonl(existing(set));
                report(out, set.toString(), evaluation, messages);
                out.println("Extraction on the same set:");
                out.println();
                out.println(evaluation.extraction(messages).table());
            }
            if (bitext != null) {
                report(
                        out,
                        bitext + " (intents mapped, see docs/router-evaluation.md)",
                        evaluation,
                        IntentEvaluation.readBitext(existing(bitext)));
            }
            return 0;
        }

        private void report(
                PrintWriter out, String name, IntentEvaluation evaluation, List<IntentEvaluation.Labelled> set) {
            List<String> missed = new ArrayList<>();
            EvaluationReport report = evaluation.evaluate(set, missed::add);
            out.println("## " + name + " (rules " + rules + ")");
            out.println();
            out.println(report.table());
            out.println("Most frequent confusions (expected -> predicted):");
            out.println(report.confusionSummary(10));
            if (misses) {
                missed.forEach(out::println);
                out.println();
            }
            out.flush();
        }

        private static Path existing(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new CommandFailedException(file + ": no such file");
            }
            return file;
        }
    }
}
