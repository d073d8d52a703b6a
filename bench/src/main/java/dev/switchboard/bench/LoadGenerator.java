package dev.switchboard.bench;

import dev.switchboard.events.Channel;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.EmailThreading;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic inbound traffic for benchmarks: English and Arabic customer messages over every
 * intent and channel, with a share of follow-ups in existing conversations (email replies carry
 * References, social follow-ups reuse the conversation key). Deterministic for a seed.
 */
public final class LoadGenerator {
    private static final String[][] ENGLISH = {
        {"Where is my order #%d? It said 3 days and it's been a week.", "Order status"},
        {"Hi, can you tell me when order %d will ship? Tracking hasn't updated.", "Tracking"},
        {"The courier says delivered but nothing arrived at my door. Order %d", "Package not delivered"},
        {"My parcel arrived damaged, the box was crushed and the mug is broken (order %d)", "Damaged parcel"},
        {"I want a refund of $%d for order %d, the jacket never fit.", "Refund please"},
        {"Please refund the %d USD you charged me, I cancelled on time.", "Refund"},
        {"How do I return the shoes from order %d? They are too small.", "Return"},
        {"Can I exchange the blue dress for a size M? Order %d", "Exchange size"},
        {"Cancel my order %d please, I ordered twice by mistake.", "Cancel order"},
        {"I was charged twice for order %d, $%d each time!!", "Charged twice"},
        {"My card keeps getting declined at checkout, what's wrong?", "Payment problem"},
        {"Does the Galaxy case fit the S24 Ultra? Is it in stock?", "Product question"},
        {"Is this serum suitable for sensitive skin?", "Question"},
        {"I can't log in, the password reset email never comes.", "Account access"},
        {"Please delete my account and all my data.", "Delete account"},
        {"THIS IS THE WORST SERVICE EVER. NOBODY ANSWERS. ORDER %d", "Complaint"},
        {"Your agent was rude to me on the phone yesterday, I expect an apology.", "Complaint about staff"},
        {"If I don't get my money back for order %d I'll file a chargeback with my bank.", "Final warning"},
        {"Thanks, that solved it!", "Re: your request"},
    };
    private static final String[][] ARABIC = {
        {"وين طلبي رقم %d؟ صار له أسبوع ما وصل", "طلبي"},
        {"السلام عليكم، متى يوصل الطلب %d؟ التتبع ما يتحدث", "تتبع الشحنة"},
        {"المندوب كاتب تم التوصيل بس ما استلمت شي، الطلب %d", "لم يصل الطلب"},
        {"الطلب وصل مكسور والكرتون مضروب، رقم الطلب %d", "منتج تالف"},
        {"أبغى استرداد %d ريال عن الطلب %d لأن المقاس ما ضبط", "استرداد"},
        {"عايز فلوسي ترجع، دفعت %d جنيه ومفيش حاجة وصلت", "استرجاع فلوس"},
        {"كيف أرجع الجزمة؟ طلعت صغيرة، طلب رقم %d", "إرجاع"},
        {"بدي بدّل الفستان بمقاس أكبر، الطلب %d", "تبديل"},
        {"لو سمحت ألغِ الطلب %d، طلبته بالغلط مرتين", "إلغاء الطلب"},
        {"انسحب المبلغ من البطاقة مرتين! %d درهم", "دفع مكرر"},
        {"البطاقة ترفض كل ما أحاول أدفع، ليش؟", "مشكلة دفع"},
        {"هل الكريم هذا مناسب للبشرة الحساسة؟ ومتوفر؟", "سؤال عن منتج"},
        {"ما أقدر أدخل حسابي، رسالة تغيير كلمة السر ما توصل", "الحساب"},
        {"خدمة سيئة جداً، محد يرد على الرسائل!!!", "شكوى"},
        {"إذا ما رجعتوا فلوسي راح أشتكي للبنك وأرفع قضية", "تحذير أخير"},
        {"شكراً، تم حل المشكلة", "رد"},
    };
    private static final Channel[] CHANNELS = {
        Channel.EMAIL,
        Channel.EMAIL,
        Channel.EMAIL,
        Channel.WHATSAPP,
        Channel.WHATSAPP,
        Channel.MESSENGER,
        Channel.INSTAGRAM,
        Channel.X,
        Channel.WEB
    };

    private final Random random;
    private final double followUpShare;
    private final List<Conversation> conversations = new ArrayList<>();
    private long sequence;

    private record Conversation(
            String key, Channel channel, CustomerIdentity customer, String rootId, boolean arabic) {}

    public LoadGenerator(long seed, double followUpShare) {
        this.random = new Random(seed);
        this.followUpShare = followUpShare;
    }

    /** The next message, received now. */
    public InboundMessage next(Instant receivedAt) {
        long n = ++sequence;
        boolean followUp = !conversations.isEmpty() && random.nextDouble() < followUpShare;
        Conversation conversation = followUp ? conversations.get(random.nextInt(conversations.size())) : open(n);
        String[] template = pick(conversation.arabic() ? ARABIC : ENGLISH);
        String text = fill(template[0]);
        String id = "bench-" + n + "@load.example";
        InboundMessage.Builder message = InboundMessage.newBuilder()
                .setSourceMessageId(id)
                .setSourceId(conversation.channel() == Channel.EMAIL ? "support" : "account-1")
                .setChannel(conversation.channel())
                .setKind(MessageKind.CUSTOMER_MESSAGE)
                .setConversationKey(conversation.key())
                .setCustomer(conversation.customer())
                .setBodyText(text)
                .setFullText(text)
                .setReceivedAt(receivedAt)
                .setIngestedAt(receivedAt);
        if (conversation.channel() == Channel.EMAIL) {
            message.setSubject((followUp ? "Re: " : "") + template[1]);
            message.setThreading(EmailThreading.newBuilder()
                    .setMessageId(id)
                    .setInReplyTo(followUp ? List.of(conversation.rootId()) : List.of())
                    .setReferences(followUp ? List.of(conversation.rootId()) : List.of())
                    .build());
        }
        if (!followUp) {
            // Keep a bounded working set so follow-ups hit recent, still open conversations.
            if (conversations.size() >= 5_000) {
                conversations.set(random.nextInt(conversations.size()), conversation);
            } else {
                conversations.add(conversation);
            }
        }
        return message.build();
    }

    private Conversation open(long n) {
        Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
        boolean arabic = random.nextBoolean();
        String root = "bench-" + n + "@load.example";
        CustomerIdentity.Builder customer = CustomerIdentity.newBuilder();
        String key;
        if (channel == Channel.EMAIL) {
            String address = "customer" + n + "@mail.example";
            customer.setAddress(address).setDisplayName(arabic ? "عميل " + n : "Customer " + n);
            key = "email:support:" + root;
        } else {
            String handle = Long.toString(9_665_000_000L + n);
            customer.setHandle(handle).setDisplayName(arabic ? "عميل " + n : "Customer " + n);
            key = channel.name().toLowerCase() + ":account-1:" + handle;
        }
        return new Conversation(key, channel, customer.build(), root, arabic);
    }

    private String[] pick(String[][] templates) {
        return templates[random.nextInt(templates.length)];
    }

    private String fill(String template) {
        Object[] numbers = {10_000 + random.nextInt(90_000), 20 + random.nextInt(2_000)};
        return String.format(template, numbers);
    }
}
