package dev.switchboard.router.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.config.NegationRules;
import dev.switchboard.router.config.TermRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a keyword's regex is tried (at its first word) and the one-pass literal index. */
class TermMatcherTest {
    private static final Negation NEGATION =
            Negation.of(List.of(new NegationRules(List.of("don't", "not"), List.of())));

    private static TermMatcher matcher(String language, List<String> keywords, List<String> phrases) {
        return TermMatcher.compile(
                new TermRules(keywords, phrases, List.of(), List.of(), 1.0), language, "test", NEGATION);
    }

    @Test
    void anArabicKeywordMatchesWithItsAttachedPrefixes() {
        TermMatcher m = matcher("ar", List.of("استرجاع"), List.of());
        List<Evidence> found = m.find(TextNormalizer.normalize("ابغى وبالاسترجاع لو سمحت"));
        assertThat(found).extracting(Evidence::matched).containsExactly("وبالاسترجاع");
        assertThat(found).extracting(Evidence::position).containsExactly(5);
    }

    @Test
    void aNegatedFirstOccurrenceGivesWayToTheNextOne() {
        TermMatcher m = matcher("en", List.of("refund"), List.of());
        String text = TextNormalizer.normalize("Please do not refund the fee: I want refunds of the order");
        List<Evidence> found = m.find(text);
        assertThat(found).extracting(Evidence::matched).containsExactly("refunds");
        assertThat(found).extracting(Evidence::position).containsExactly(text.indexOf("refunds"));
    }

    @Test
    void aWordInsideAnotherWordIsNotTheKeyword() {
        TermMatcher m = matcher("en", List.of("refund"), List.of("send back"));
        assertThat(m.find(TextNormalizer.normalize("nonrefundable, resend backup")))
                .isEmpty();
        assertThat(m.find(TextNormalizer.normalize("nonrefundable; please send-back")))
                .extracting(Evidence::matched)
                .containsExactly("send-back");
    }

    @Test
    void matchersBoundToAnIndexFindWhatTheyFindAlone() {
        TermMatcher en = matcher("en", List.of("refund", "cancel*", "paymnet"), List.of("send it back"));
        TermMatcher ar = matcher("ar", List.of("استرجاع", "الغاء"), List.of("الغاء الطلب"));
        LiteralIndex index = LiteralIndex.of(List.of(en, ar));
        TermMatcher enIndexed = en.indexedBy(index);
        TermMatcher arIndexed = ar.indexedBy(index);
        for (String raw : List.of(
                "Please cancel and send it back, refund me",
                "ابي الغاء الطلب واسترجاع المبلغ",
                "the refunds were cancelled",
                "payment failed",
                "a reufnd for the cancdling, not a refnud",
                "apyment and cnacelled: the first two letters swapped",
                "",
                "nothing to see here")) {
            String text = TextNormalizer.normalize(raw);
            TermMatcher.Text indexed = new TermMatcher.Text(text, index);
            assertThat(enIndexed.find(indexed, "en")).as(raw).isEqualTo(en.find(text, "en"));
            assertThat(arIndexed.find(indexed, "ar")).as(raw).isEqualTo(ar.find(text, "ar"));
        }
        assertThat(enIndexed.find(new TermMatcher.Text(TextNormalizer.normalize("Refund please"), index), "en"))
                .extracting(Evidence::matched)
                .containsExactly("refund");
    }

    @Test
    void onlyATypoOfAKeywordAbsentFromTheTextIsFoundThroughTheIndex() {
        TermMatcher en = matcher("en", List.of("refund", "cancel*"), List.of());
        LiteralIndex index = LiteralIndex.of(List.of(en));
        TermMatcher indexed = en.indexedBy(index);
        String text = TextNormalizer.normalize("I asked for a reufnd after cacnelling");
        assertThat(indexed.find(new TermMatcher.Text(text, index), "en"))
                .extracting(Evidence::matched)
                .containsExactly("reufnd", "cacnelling");
    }
}
