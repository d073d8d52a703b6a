package dev.switchboard.router.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.RouterFixtures;
import dev.switchboard.testkit.Corpora;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped rules scored on labelled sets nobody tuned them on sentence by sentence (see
 * docs/router-evaluation.md). The floors are the scores the rules reached, rounded down: a rule
 * change that makes understanding worse fails here.
 */
class IntentEvaluationTest {
    private static final Logger log = LoggerFactory.getLogger(IntentEvaluationTest.class);
    private static final double EVAL_SET_MACRO_F1 = 0.89;
    private static final double BITEXT_MACRO_F1 = 0.95;

    private final IntentEvaluation evaluation = new IntentEvaluation(RouterFixtures.analyzer());

    @Test
    void theProjectsEvaluationSet() {
        Path set = RouterFixtures.configDir().getParent().resolve("router/src/test/resources/eval/intents.jsonl");
        List<IntentEvaluation.Labelled> messages = IntentEvaluation.readJsonl(set);
        assertThat(messages).hasSizeGreaterThanOrEqualTo(300);

        EvaluationReport report = evaluation.evaluate(messages, miss -> {});
        log.info("Evaluation set, {} messages:\n{}", report.total(), report.table());

        assertThat(report.macroF1()).isGreaterThanOrEqualTo(EVAL_SET_MACRO_F1);

        IntentEvaluation.Extraction extraction = evaluation.extraction(messages);
        log.info("Evaluation set, extraction:\n{}", extraction.table());
        assertThat(extraction.amounts().precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(extraction.amounts().recall()).isGreaterThanOrEqualTo(0.8);
        assertThat(extraction.orders().precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(extraction.orders().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(extraction.urgent().recall()).isGreaterThanOrEqualTo(0.65);
        assertThat(IntentEvaluation.INTENTS)
                .allSatisfy(intent ->
                        assertThat(report.f1(intent)).as("F1 of %s", intent).isGreaterThan(0.6));
    }

    @Test
    void theBitextCorpusWithItsIntentsMappedOntoOurs() {
        Path csv = Corpora.require("bitext-customer-support/Bitext_Sample_Customer_Support_Training_Dataset.csv");
        List<IntentEvaluation.Labelled> messages = IntentEvaluation.readBitext(csv);

        List<String> missed = new ArrayList<>();
        EvaluationReport report = evaluation.evaluate(messages, missed::add);
        log.info("bitext, {} requests:\n{}", report.total(), report.table());

        assertThat(report.macroF1()).isGreaterThanOrEqualTo(BITEXT_MACRO_F1);
    }

    @Test
    void everyBitextIntentHasAMappingOntoOurs() {
        Set<String> ours = Set.copyOf(IntentEvaluation.INTENTS);
        assertThat(IntentEvaluation.BITEXT_TO_OURS.values().stream().collect(Collectors.toSet()))
                .isSubsetOf(ours);
        assertThat(IntentEvaluation.BITEXT_TO_OURS).hasSize(27);
    }

    @Test
    void aReportCountsPrecisionAndRecallPerIntent() {
        EvaluationReport report = new EvaluationReport(List.of("refund", "return"));
        report.add("1", "refund", "refund");
        report.add("2", "refund", "return");
        report.add("3", "return", "return");
        report.add("4", "return", "return");
        assertThat(report.precision("return")).isEqualTo(2.0 / 3);
        assertThat(report.recall("refund")).isEqualTo(0.5);
        assertThat(report.f1("refund")).isCloseTo(2 * 1.0 * 0.5 / 1.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.accuracy()).isEqualTo(0.75);
        assertThat(report.misses())
                .singleElement()
                .extracting(EvaluationReport.Miss::id)
                .isEqualTo("2");
    }
}
