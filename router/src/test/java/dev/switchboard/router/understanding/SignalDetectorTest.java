package dev.switchboard.router.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.RouterFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalDetectorTest {
    private final SignalDetector detector = new SignalDetector(
            RouterFixtures.rules().signals(), RouterFixtures.rules().publicChannels());

    private List<String> names(String text, String channel) {
        return detector.detect(text, channel).stream().map(Signal::name).toList();
    }

    @Test
    void urgentWordsInBothLanguages() {
        assertThat(names("I need this ASAP", "email")).contains("urgent");
        assertThat(names("ضروري جدا اليوم", "whatsapp")).contains("urgent");
    }

    @Test
    void legalAndChargebackThreats() {
        assertThat(names("I will contact my lawyer", "email")).contains("legal-threat");
        assertThat(names("هشتكيكم لجهاز حماية المستهلك", "whatsapp")).contains("legal-threat");
        assertThat(names("I'll file a chargeback with my bank", "email")).contains("chargeback");
    }

    @Test
    void shoutingIsAllCaps() {
        assertThat(names("WHERE IS MY ORDER I PAID TWO WEEKS AGO", "email")).contains(Signal.ALL_CAPS);
        assertThat(names("Order from DHL in the UK", "email")).doesNotContain(Signal.ALL_CAPS);
    }

    @Test
    void arabicShoutingIsDrawnOutLettersOrExclamationRuns() {
        assertThat(names("ليييييش ما ردّيتوا", "whatsapp")).contains(Signal.ALL_CAPS);
        assertThat(names("وين الطلب!!!!", "whatsapp")).contains(Signal.ALL_CAPS);
        assertThat(names("شكـــرا", "whatsapp")).doesNotContain(Signal.ALL_CAPS);
    }

    @Test
    void repeatedContactIsASignal() {
        assertThat(names("I have emailed you 4 times about this", "email")).contains("repeated-contact");
        assertThat(names("I tried 3 times to log in", "email")).doesNotContain("repeated-contact");
    }

    @Test
    void publicChannelsAreConfigured() {
        assertThat(names("hello", "x")).containsExactly(Signal.PUBLIC_CHANNEL);
        assertThat(names("hello", "whatsapp")).isEmpty();
    }
}
