package dev.switchboard.router.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.RouterFixtures;
import dev.switchboard.router.eval.IntentEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RequiredTextTest {

    @Test
    void aLiteralRunAtTheTopLevel() {
        assertThat(RequiredText.of("\\b(money|amount|\\d[\\d.,]*\\s?(usd|eur)?)\\s+back\\b"))
                .containsExactly("back");
        assertThat(RequiredText.of("\\bwhere\\b.{0,25}\\bstatus\\b")).containsExactly("status");
    }

    @Test
    void aGroupOfPlainAlternativesWhenNoRunIsLonger() {
        assertThat(RequiredText.of("\\b(no|any) (refund|money) (yet|still)")).containsExactly("refund", "money");
    }

    @Test
    void optionalLettersAndGroupsAreNotRequired() {
        assertThat(RequiredText.of("ري?فا?ند")).containsExactly("ند");
        assertThat(RequiredText.of("colou?r")).containsExactly("colo");
        assertThat(RequiredText.of("(refunds)?ab")).containsExactly("ab");
        assertThat(RequiredText.of("(refunds)*ab")).containsExactly("ab");
        assertThat(RequiredText.of("x(refunds){0,2}")).containsExactly("x");
    }

    @Test
    void lookaroundsAndClassesAreNotText() {
        assertThat(RequiredText.of("(?<![\\p{L}])[وف]?(?:ب|ه|ح|رح ?)?[اتين]?لغ(?:ي|و)\\S*"))
                .containsExactly("لغ");
        assertThat(RequiredText.of("[]x]abc(?! possible)")).containsExactly("abc");
    }

    @Test
    void nothingIsKnownOfAlternationsFlagsOrNestedGroups() {
        assertThat(RequiredText.of("refund|money")).isEmpty();
        assertThat(RequiredText.of("(?i)refund")).isEmpty();
        assertThat(RequiredText.of("\\Qrefund\\E")).isEmpty();
        assertThat(RequiredText.of("\\b(courier|delivery (guy|man))\\b.{0,40}")).isEmpty();
    }

    /** The shipped rules' every pattern and hint, against the evaluation set: no match lacks its text. */
    @Test
    void everyMatchOfTheShippedPatternsContainsTheirText() {
        Path set = RouterFixtures.configDir().getParent().resolve("router/src/test/resources/eval/intents.jsonl");
        List<String> texts = IntentEvaluation.readJsonl(set).stream()
                .map(m -> TextNormalizer.normalize(m.text()))
                .toList();
        List<String> regexes = RouterFixtures.rules().intents().values().stream()
                .flatMap(byLanguage -> byLanguage.values().stream())
                .flatMap(rules -> Stream.concat(rules.patterns().stream(), rules.hints().stream()))
                .map(ArabicNormalizer::normalize)
                .toList();
        assertThat(regexes).hasSizeGreaterThan(40);
        int matches = 0;
        for (String regex : regexes) {
            List<String> required = RequiredText.of(regex);
            Pattern pattern = Pattern.compile(regex);
            for (String text : texts) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    matches++;
                    String matched = m.group();
                    assertThat(required.isEmpty() || required.stream().anyMatch(matched::contains))
                            .as("'%s' matched '%s' without any of %s", regex, matched, required)
                            .isTrue();
                }
            }
        }
        assertThat(matches).isGreaterThan(100);
    }
}
