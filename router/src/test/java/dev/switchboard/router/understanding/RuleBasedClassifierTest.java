package dev.switchboard.router.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.RouterFixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped rules on sentences written for this test (the evaluation set is scored elsewhere). */
class RuleBasedClassifierTest {
    private final RuleBasedClassifier classifier = new RuleBasedClassifier(RouterFixtures.rules());

    private IntentResult classify(String text) {
        return classifier.classify(MessageText.of(text), "en");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Can you tell me where my package is right now?            | order_status
            The parcel came with the box crushed and the mug in pieces | delivery_problem
            I sent the shoes back two weeks ago, when do I get my money back? | refund
            How do I send back a jacket that I don't want?             | return
            Could I swap these jeans for a bigger size?                | exchange
            Please cancel order 44120, I ordered it by mistake        | cancellation
            My card was charged twice for the same order              | payment
            Is this kettle compatible with 110V sockets?              | product_question
            I can't log in, the reset password link does not work     | account
            Your customer service is a disgrace, nobody ever answers  | complaint
            We are a marketing agency and would like to work with you  | other
            """)
    void englishRequests(String text, String intent) {
        assertThat(classify(text).intent()).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            وين طلبي؟ صار لي يومين انتظر                       | order_status
            الاوردر بتاعي وصل امتى؟ عايز اعرف                  | order_status
            الطرد وصلني مكسور والعلبة مفتوحة                    | delivery_problem
            بدي ترجعولي المصاري على البطاقة، رجعت الغرض من زمان | refund
            ابغى ارجع الفستان، ما ناسبني                        | return
            عايز ابدل التيشيرت بمقاس اكبر                       | exchange
            لو سمحت الغوا الطلب، ما عاد ابيه                     | cancellation
            انخصم المبلغ مرتين من بطاقتي                        | payment
            هل الساعة هذي مقاومة للماء؟                          | product_question
            نسيت كلمة المرور وما اقدر ادخل حسابي                | account
            خدمة العملاء عندكم زفت وما حد يرد                    | complaint
            """)
    void arabicRequestsInSeveralDialects(String text, String intent) {
        assertThat(classifier.classify(MessageText.of(text), "ar").intent()).isEqualTo(intent);
    }

    @Test
    void normalizationLetsRulesMatchAnySpelling() {
        // alef with hamza, taa marbuta as haa, tatweel, diacritics: all the same word.
        assertThat(classifier
                        .classify(MessageText.of("أُريد إلغـــاء الطلبيه"), "ar")
                        .intent())
                .isEqualTo("cancellation");
    }

    @Test
    void everyDecisionCarriesItsEvidence() {
        IntentResult result = classify("I was refunded only half, where is the rest of my money?");
        assertThat(result.intent()).isEqualTo("refund");
        assertThat(result.evidence()).isNotEmpty().anySatisfy(e -> assertThat(e).contains("refund"));
        assertThat(result.classifier()).startsWith("rules@");
        assertThat(result.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void negatedRequestDoesNotCount() {
        assertThat(classify("I don't want a refund, I want the same dress one size up")
                        .intent())
                .isEqualTo("exchange");
    }

    @Test
    void oneTypoInALongKeywordIsForgiven() {
        assertThat(classify("i want to cancle my subscripton").intent()).isEqualTo("cancellation");
        assertThat(classify("Requesting a refnud for order 5512").intent()).isEqualTo("refund");
    }

    @Test
    void theSubjectWeighsMoreThanAWordInPassing() {
        IntentResult result = classifier.classify(
                new MessageText(Optional.of("Refund not received"), "I returned the dress on the 2nd, nothing since."),
                "en");
        assertThat(result.intent()).isEqualTo("refund");
    }

    @Test
    void nothingRecognisableIsOther() {
        IntentResult result = classify("hello");
        assertThat(result.intent()).isEqualTo("other");
        assertThat(result.confidence()).isZero();
    }
}
