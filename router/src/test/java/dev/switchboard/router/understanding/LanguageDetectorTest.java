package dev.switchboard.router.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.RouterFixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
    private final LanguageDetector detector = RouterFixtures.analyzer().languageDetector();

    @Test
    void englishAndArabicAreTold() {
        assertThat(detector.detect("Hi, my parcel has not arrived yet", Optional.empty())
                        .language())
                .isEqualTo("en");
        assertThat(detector.detect("السلام عليكم، الطلب ما وصلني للحين", Optional.empty())
                        .language())
                .isEqualTo("ar");
    }

    @Test
    void arabicWithEnglishWordsIsArabic() {
        var result = detector.detect("ابغى اغير الـ email اللي على الحساب", Optional.empty());
        assertThat(result.language()).isEqualTo("ar");
        assertThat(result.method()).isEqualTo("lingua");
    }

    @Test
    void tooLittleTextFallsBackToTheSourceThenTheDefault() {
        assertThat(detector.detect("👍", Optional.of("ar-SA")).language()).isEqualTo("ar");
        assertThat(detector.detect("👍", Optional.of("ar-SA")).method()).isEqualTo("source");
        assertThat(detector.detect("??", Optional.empty()))
                .isEqualTo(new LanguageDetector.LanguageResult("en", 0.0, "default"));
    }

    @Test
    void languagesOutsideTheConfiguredOnesAreNeverAnswered() {
        // French is not configured: the answer is one of en, ar.
        assertThat(detector.detect("Bonjour, où est ma commande ?", Optional.empty())
                        .language())
                .isIn("en", "ar");
    }
}
