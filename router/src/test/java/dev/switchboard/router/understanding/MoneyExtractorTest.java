package dev.switchboard.router.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.router.RouterFixtures;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyExtractorTest {
    private final MoneyExtractor extractor = new MoneyExtractor(
            RouterFixtures.rules().currencies(), RouterFixtures.rules().orderNumberPatterns());

    private List<Money> amounts(String text) {
        return extractor.amounts(text);
    }

    @Test
    void symbolBeforeTheNumber() {
        assertThat(amounts("I want a refund of $250 please"))
                .extracting(Money::amount, Money::currency, Money::evidence)
                .containsExactly(tuple(new BigDecimal("250"), "USD", "$250"));
    }

    @Test
    void codeAfterTheNumberWithThousandsSeparator() {
        assertThat(amounts("charged 1,250.50 AED instead of 950 AED"))
                .extracting(Money::amount, Money::currency)
                .containsExactly(tuple(new BigDecimal("1250.50"), "AED"), tuple(new BigDecimal("950"), "AED"));
    }

    @Test
    void arabicDigitsAndCurrencyWordsKeepTheCustomersOwnText() {
        assertThat(amounts("ابي استرداد ٣٠٠ ريال عن الطلب"))
                .extracting(Money::amount, Money::currency, Money::evidence)
                .containsExactly(tuple(new BigDecimal("300"), "SAR", "٣٠٠ ريال"));
        assertThat(amounts("دفعت ٥٠٠ جنيه"))
                .extracting(Money::amount, Money::currency)
                .containsExactly(tuple(new BigDecimal("500"), "EGP"));
    }

    @Test
    void arabicDecimalSeparatorAndInflectedCurrencyWord() {
        assertThat(amounts("المبلغ ٣٤٩٫٥٠ ريالا و ٣٥٠ درهماً"))
                .extracting(Money::amount, Money::currency)
                .containsExactly(tuple(new BigDecimal("349.50"), "SAR"), tuple(new BigDecimal("350"), "AED"));
    }

    @Test
    void theLongestCurrencyNameWins() {
        assertThat(amounts("سعره ٤٠٠ ريال قطري")).extracting(Money::currency).containsExactly("QAR");
    }

    @Test
    void thousandsWrittenAsAWord() {
        assertThat(amounts("طلب مني ٣٠٠ ألف ليرة"))
                .extracting(Money::amount, Money::currency)
                .containsExactly(tuple(new BigDecimal("300000"), "LBP"));
    }

    @Test
    void aTrackingNumberAfterACurrencyCodeIsNotMoney() {
        assertThat(amounts("tracking JD014600004387221951 is stuck")).isEmpty();
    }

    @Test
    void aBareNumberIsNotMoney() {
        assertThat(amounts("order 44120 has 3 items, size 42")).isEmpty();
    }

    @Test
    void orderNumbersInBothScripts() {
        assertThat(extractor.orderNumbers("where is order #48213? also order no. 300-5521"))
                .contains("48213");
        assertThat(extractor.orderNumbers("الطلب رقم ٤٥٦٧٨ ما وصل")).containsExactly("45678");
        assertThat(extractor.orderNumbers("Order ORD-20931 is late")).containsExactly("ORD-20931");
        assertThat(extractor.orderNumbers("order no. 1102-554 arrived")).containsExactly("1102-554");
        assertThat(extractor.orderNumbers("lost parcel, رقمه ١٢٠٩٨٧")).containsExactly("120987");
    }

    @Test
    void listedOrderNumbersAreAllFound() {
        assertThat(extractor.orderNumbers("please merge orders 4410, 4452 and 4480"))
                .containsExactly("4410", "4452", "4480");
        assertThat(extractor.orderNumbers("call me on 0501234567")).isEmpty();
    }
}
