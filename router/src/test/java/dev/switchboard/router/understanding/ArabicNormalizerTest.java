package dev.switchboard.router.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArabicNormalizerTest {

    @Test
    void alefFormsFoldToBareAlef() {
        assertThat(ArabicNormalizer.normalize("أريد إلغاء آخر ٱلطلب")).isEqualTo("اريد الغاء اخر الطلب");
    }

    @Test
    void taaMarbutaAndAlefMaqsuraFold() {
        assertThat(ArabicNormalizer.normalize("الشحنة مستشفى")).isEqualTo("الشحنه مستشفي");
    }

    @Test
    void hamzaCarriersFold() {
        assertThat(ArabicNormalizer.normalize("مسؤول رئيس")).isEqualTo("مسوول رييس");
    }

    @Test
    void diacriticsAndTatweelDisappear() {
        assertThat(ArabicNormalizer.normalize("شُكْرًا وينـــه")).isEqualTo("شكرا وينه");
    }

    @Test
    void arabicIndicAndPersianDigitsBecomeAscii() {
        assertThat(ArabicNormalizer.normalize("الطلب ٤٥٦٧٨ و ۷۷۰۲۱")).isEqualTo("الطلب 45678 و 77021");
    }

    @Test
    void arabicSeparatorsBecomeAsciiPunctuation() {
        assertThat(ArabicNormalizer.normalize("٣٤٩٫٥٠ و ٢٬٣٠٠")).isEqualTo("349.50 و 2,300");
    }

    @Test
    void latinTextIsUntouched() {
        assertThat(ArabicNormalizer.normalize("Where is my order #123?")).isEqualTo("Where is my order #123?");
    }

    @Test
    void textNormalizerLowerCasesFoldsElongationAndSpaces() {
        assertThat(TextNormalizer.normalize("  WHERE   is it?? soooo late اسووووأ  "))
                .isEqualTo("where is it?? so late اسوا");
    }
}
