package dev.switchboard.bench;

import java.util.SplittableRandom;

/**
 * What customers write, in English and Arabic (Gulf, Egyptian and Levantine), for the ingest
 * benchmarks' mail and chat payloads: names, one-line requests and the filler sentences that make
 * an email as long as real ones. Picked with the caller's random, so the caller stays
 * deterministic. Limit: a few dozen templates, far fewer than a real mailbox's variety.
 */
final class SupportText {
    private static final String[] ENGLISH = {
        "Where is my order #%d? It said 3 days and it has been a week.",
        "Can you tell me when order %d will ship? The tracking page has not updated since Monday.",
        "The courier says delivered but nothing arrived at my door. Order %d.",
        "My parcel arrived damaged, the box was crushed and the mug inside is broken (order %d).",
        "I would like a refund for order %d, the jacket never fit.",
        "How do I return the shoes from order %d? They are too small.",
        "Can I exchange the blue dress for a size M? Order %d.",
        "Please cancel order %d, I ordered twice by mistake.",
        "I was charged twice for order %d. Please fix this as soon as possible!",
        "My card keeps getting declined at checkout, what is wrong?",
        "Does the phone case fit the S24 Ultra? Is it in stock?",
        "I cannot log in, the password reset email never comes.",
        "Please delete my account and all my data.",
        "This is the third time I write about order %d and nobody answers.",
    };
    private static final String[] ARABIC = {
        "وين طلبي رقم %d؟ صار له أسبوع ما وصل",
        "السلام عليكم، متى يوصل الطلب %d؟ التتبع ما يتحدث من يوم الاثنين",
        "المندوب كاتب تم التوصيل بس ما استلمت شي، الطلب %d",
        "الطلب وصل مكسور والكرتون مضروب، رقم الطلب %d",
        "أبغى استرداد المبلغ عن الطلب %d لأن المقاس ما ضبط",
        "عايز فلوسي ترجع، دفعت ومفيش حاجة وصلت، الطلب %d",
        "كيف أرجع الجزمة؟ طلعت صغيرة، طلب رقم %d",
        "بدي بدّل الفستان بمقاس أكبر، الطلب %d",
        "لو سمحت ألغِ الطلب %d، طلبته بالغلط مرتين",
        "انسحب المبلغ من البطاقة مرتين! الطلب %d",
        "البطاقة ترفض كل ما أحاول أدفع، ليش؟",
        "ما أقدر أدخل حسابي، رسالة تغيير كلمة السر ما توصل",
    };
    private static final String[] ENGLISH_FILLER = {
        "I have been a customer for years and this has never happened before.",
        "I already tried the live chat but it kept disconnecting.",
        "The order confirmation email says the parcel would arrive on Friday.",
        "I need this sorted before the weekend because it is a birthday present.",
        "Please let me know what information you need from me.",
        "I attached the photos I took when the parcel arrived.",
        "My neighbours did not receive anything either.",
        "I would appreciate a quick answer.",
    };
    private static final String[] ARABIC_FILLER = {
        "أنا عميل عندكم من سنين وأول مرة يصير معي كذا.",
        "جربت المحادثة المباشرة بس كانت تفصل كل شوي.",
        "رسالة تأكيد الطلب تقول إن الشحنة بتوصل يوم الجمعة.",
        "أحتاج الموضوع ينحل قبل نهاية الأسبوع لأنه هدية عيد ميلاد.",
        "أرجو الرد بأسرع وقت ممكن.",
        "أرفقت الصور اللي صورتها لما وصلت الشحنة.",
    };
    private static final String[] ENGLISH_NAMES = {
        "Emma Clarke", "James O'Brien", "Sophie Martin", "Daniel Kim", "Olivia Brown", "Lucas Rossi", "Hannah Weber"
    };
    private static final String[] ARABIC_NAMES = {
        "ليلى حسن", "محمد العتيبي", "سارة الشمري", "عمر فاروق", "نورة القحطاني", "أحمد منصور", "ريم خليل"
    };

    private SupportText() {}

    static String request(SplittableRandom random, boolean arabic) {
        String[] templates = arabic ? ARABIC : ENGLISH;
        return String.format(templates[random.nextInt(templates.length)], 10_000 + random.nextInt(90_000));
    }

    /** One to {@code max} filler sentences, as one paragraph. */
    static String filler(SplittableRandom random, boolean arabic, int max) {
        String[] sentences = arabic ? ARABIC_FILLER : ENGLISH_FILLER;
        StringBuilder out = new StringBuilder();
        int n = 1 + random.nextInt(max);
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(sentences[random.nextInt(sentences.length)]);
        }
        return out.toString();
    }

    static String name(SplittableRandom random, boolean arabic) {
        String[] names = arabic ? ARABIC_NAMES : ENGLISH_NAMES;
        return names[random.nextInt(names.length)];
    }
}
