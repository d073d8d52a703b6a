# Generates the test corpus of ingest-email (our own messages); run from src/test/resources/mail.
import base64, quopri

def b64w(text, cs):
    return "=?%s?B?%s?=" % (cs, base64.b64encode(text.encode(cs)).decode())

def qw(text, cs):
    raw = text.encode(cs)
    out = ""
    for byte in raw:
        c = chr(byte)
        if c.isalnum() and byte < 128:
            out += c
        elif c == " ":
            out += "_"
        else:
            out += "=%02X" % byte
    return "=?%s?Q?%s?=" % (cs, out)

def write(name, head, body):
    data = head.replace("\n", "\r\n").encode("ascii") + b"\r\n" + body
    open(name, "wb").write(data)

# 1. Arabic UTF-8, base64 body, B-encoded subject and name, Arabic Gmail attribution + quote
body = ("مرحبا،\nطلبي رقم 4521 لم يصل بعد. أريد استرداد المبلغ.\n\n"
        "في الخميس، 26 نوفمبر 2026 في 10:00 ص كتب متجر <support@shop.example>:\n"
        "> شكرا لطلبك من متجرنا\n> سيصل خلال ثلاثة أيام\n").encode("utf-8")
write("arabic-utf8-base64.eml", f"""From: {b64w("ليلى حسن", "UTF-8")} <Layla.Hassan@Example.com>
To: support@shop.example
Subject: {b64w("طلبي لم يصل", "UTF-8")}
Date: Thu, 26 Nov 2026 09:30:00 +0300
Message-ID: <ar-utf8-1@mail.example.com>
In-Reply-To: <order-4521@shop.example>
References: <order-4521@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64
""", "\n".join(base64.b64encode(body).decode()[i:i+76] for i in range(0, len(base64.b64encode(body)), 76)).encode() + b"\r\n")

# 2. windows-1256, quoted-printable, Q-encoded subject split across two words
body = "السلام عليكم\nالمنتج وصل مكسور، أرجو الاستبدال.\n\n-- \nأحمد\n".encode("windows-1256")
write("arabic-windows-1256-qp.eml", f"""From: {qw("أحمد علي", "windows-1256")} <ahmed@example.net>
To: support@shop.example
Subject: {qw("منتج", "windows-1256")} {qw(" مكسور", "windows-1256")}
Date: Fri, 27 Nov 2026 08:15:00 +0200
Message-ID: <ar-1256-1@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset="windows-1256"
Content-Transfer-Encoding: quoted-printable
""", quopri.encodestring(body.replace(b"\n", b"\r\n")))

# 3. ISO-8859-6, 8bit body, B-encoded subject
body = "اريد الغاء الطلب رقم 7788 من فضلك\n".encode("iso-8859-6")
write("arabic-iso-8859-6.eml", f"""From: Omar <omar@example.org>
To: support@shop.example
Subject: {b64w("الغاء الطلب", "ISO-8859-6")}
Date: Sat, 28 Nov 2026 11:00:00 +0300
Message-ID: <ar-8859-6@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-6
Content-Transfer-Encoding: 8bit
""", body.replace(b"\n", b"\r\n"))

# 4. Declared UTF-8, really windows-1256
body = "أين طلبي؟ لم يصلني أي رد\n".encode("windows-1256")
write("mislabelled-utf8-is-1256.eml", """From: Sara <sara@example.com>
To: support@shop.example
Subject: =?utf-8?Q?Where_is_my_order=3F?=
Date: Sat, 28 Nov 2026 12:00:00 +0300
Message-ID: <mislabelled-1@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
""", body.replace(b"\n", b"\r\n"))

# 5. Unknown charset, Latin-1 bytes, and an encoded word in an unknown charset
body = "Bonjour, la commande n'est pas arrivée. Merci d'avance.\n".encode("latin-1")
write("unknown-charset.eml", """From: =?x-unknown-charset?Q?Ren=E9e?= <renee@example.fr>
To: support@shop.example
Subject: Commande =?x-unknown-charset?Q?non_arriv=E9e?=
Date: Sun, 29 Nov 2026 10:00:00 +0100
Message-ID: <unknown-cs@example.fr>
MIME-Version: 1.0
Content-Type: text/plain; charset=x-unknown-charset
Content-Transfer-Encoding: 8bit
""", body.replace(b"\n", b"\r\n"))

# 6. HTML only, with a Gmail quote, entities and a style block
html = ("<html><head><style>p {color: red}</style></head><body>"
        "<div dir=\"ltr\">Hi,<br><br>I was charged twice for order&nbsp;#991 &amp; need a refund.<br>"
        "<ul><li>first charge</li><li>second charge</li></ul></div>"
        "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, Nov 30, 2026 at 9:00 AM Shop Support "
        "&lt;<a href=\"mailto:support@shop.example\">support@shop.example</a>&gt; wrote:<br></div>"
        "<blockquote class=\"gmail_quote\">Your order #991 has shipped.<br>Thanks for shopping!</blockquote></div>"
        "</body></html>\n")
write("html-only.eml", """From: "Doe, Jane" <jane.doe@example.com>
To: support@shop.example
Subject: Charged twice
Date: Mon, 30 Nov 2026 10:00:00 +0000
Message-ID: <html-only-1@mail.gmail.com>
In-Reply-To: <shipped-991@shop.example>
MIME-Version: 1.0
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable
""", quopri.encodestring(html.encode("utf-8")))

# 7. Nested multiparts: mixed[alternative[plain, related[html, inline png]], pdf with RFC 2231 Arabic name, forwarded rfc822]
png = bytes(range(256)) * 4
pdf = b"%PDF-1.4\n" + bytes(1000)
fwd = ("From: Shop <orders@shop.example>\r\nTo: nadia@example.com\r\nSubject: Order 3344 confirmed\r\n"
       "Date: Tue, 24 Nov 2026 08:00:00 +0000\r\nMessage-ID: <confirm-3344@shop.example>\r\n"
       "Content-Type: text/plain; charset=us-ascii\r\n\r\nYour order 3344 is confirmed. Total: 250.00 SAR\r\n").encode()
def b64lines(b):
    s = base64.b64encode(b).decode()
    return "\r\n".join(s[i:i+76] for i in range(0, len(s), 76))
body = ("--mixed\r\n"
        "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
        "--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        "Please see the invoice and the confirmation below. The total is wrong.\r\n\r\nNadia\r\n"
        "--alt\r\nContent-Type: multipart/related; boundary=\"rel\"\r\n\r\n"
        "--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Please see the invoice (HTML version).</p><img src=\"cid:logo\">\r\n"
        "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Disposition: inline; filename=\"logo.png\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n" + b64lines(png) + "\r\n"
        "--rel--\r\n"
        "--alt--\r\n"
        "--mixed\r\nContent-Type: application/pdf\r\n"
        "Content-Disposition: attachment; filename*=UTF-8''%D9%81%D8%A7%D8%AA%D9%88%D8%B1%D8%A9%203344.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n" + b64lines(pdf) + "\r\n"
        "--mixed\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n").encode() + fwd + b"\r\n--mixed--\r\n"
write("nested-multipart.eml", """From: Nadia <nadia@example.com>
To: support@shop.example
Subject: Fwd: Order 3344 confirmed
Date: Tue, 01 Dec 2026 09:00:00 +0000
Message-ID: <nested-1@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mixed"
""", body)

# 8. Outlook reply with header block, References chain, Reply-To and a signature
write("outlook-reply.eml", """From: Mark Smith <Mark.Smith@Example.co.uk>
Reply-To: Accounts <accounts@example.co.uk>
To: support@shop.example
Subject: RE: Your return request 5566
Date: Wed, 02 Dec 2026 14:00:00 +0000
Message-ID: <outlook-reply-1@example.co.uk>
In-Reply-To: <return-5566-2@shop.example>
References: <return-5566-1@shop.example> <return-5566-2@shop.example>
Thread-Topic: Your return request 5566
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit
""", b"""I still have not received the return label.\r\nCan you send it again?\r\n\r\nMark\r\n\r\nSent from my iPhone\r\n\r\n________________________________\r\nFrom: Shop Support <support@shop.example>\r\nSent: Tuesday, December 1, 2026 10:00 AM\r\nTo: Mark Smith <mark.smith@example.co.uk>\r\nSubject: Your return request 5566\r\n\r\nWe have received your return request.\r\n""")

# 9. English auto-reply (RFC 3834)
write("auto-reply-en.eml", """From: Peter <peter@example.com>
To: support@shop.example
Subject: Automatic reply: Your order has shipped
Date: Wed, 02 Dec 2026 15:00:00 +0000
Message-ID: <oof-en@example.com>
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
In-Reply-To: <shipped-1200@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
""", b"I am out of the office until Monday.\r\n")

# 10. Arabic auto-reply: only the subject tells
write("auto-reply-ar.eml", f"""From: {b64w("خالد", "UTF-8")} <khalid@example.sa>
To: support@shop.example
Subject: {b64w("رد تلقائي: خارج المكتب", "UTF-8")}
Date: Wed, 02 Dec 2026 16:00:00 +0300
Message-ID: <oof-ar@example.sa>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64
""", base64.b64encode("أنا خارج المكتب حتى يوم الأحد.\n".encode()) + b"\r\n")

# 11. RFC 3464 bounce
write("bounce-dsn.eml", """From: Mail Delivery System <MAILER-DAEMON@mx.shop.example>
To: support@shop.example
Subject: Undelivered Mail Returned to Sender
Date: Thu, 03 Dec 2026 08:00:00 +0000
Message-ID: <bounce-1@mx.shop.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="rep"
""", b"""--rep\r\nContent-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThis is the mail system at host mx.shop.example.\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n<gone@example.com>: host mx.example.com said: 550 5.1.1 User unknown\r\n\r\n--rep\r\nContent-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.shop.example\r\nArrival-Date: Thu,  3 Dec 2026 07:59:58 +0000\r\n\r\nFinal-Recipient: rfc822; Gone@Example.com\r\nOriginal-Recipient: rfc822;gone@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.example.com\r\nDiagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address\r\n    rejected: User unknown\r\n\r\n--rep\r\nContent-Type: message/rfc822\r\n\r\nFrom: support@shop.example\r\nTo: gone@example.com\r\nSubject: Your ticket SB-12\r\nMessage-ID: <reply-sb12@shop.example>\r\n\r\nHello, we answered your question.\r\n\r\n--rep--\r\n""")

# 12. Bounce without a report: qmail style text, X-Failed-Recipients
write("bounce-plain.eml", """From: MAILER-DAEMON@mail.example.net
To: support@shop.example
Subject: failure notice
Date: Thu, 03 Dec 2026 09:00:00 +0000
Message-ID: <bounce-2@mail.example.net>
X-Failed-Recipients: nobody@example.net
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
""", b"""Hi. This is the qmail-send program at mail.example.net.\r\nI'm afraid I wasn't able to deliver your message to the following addresses.\r\nThis is a permanent error; I've given up. Sorry it didn't work out.\r\n\r\n<nobody@example.net>:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n""")

# 13. Mailing list
write("mailing-list.eml", """From: Newsletter <news@vendor.example>
To: support@shop.example
Subject: December deals
Date: Thu, 03 Dec 2026 10:00:00 +0000
Message-ID: <news-1@vendor.example>
List-Id: Vendor news <news.vendor.example>
List-Unsubscribe: <mailto:unsubscribe@vendor.example>
Precedence: bulk
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
""", b"Our best deals this month.\r\n")

# 14. Malformed headers: no Message-ID, bad date, broken continuation, garbage line, bad Content-Type params
open("malformed-headers.eml", "wb").write(
    b" stray continuation before any header\r\n"
    b"From: \"Broken <client\" <broken@example.com\r\n"
    b"To: support@shop.example\r\n"
    b"Subject: =?utf-8?B?2YXYsdit2KjYpw==?= =?utf-8?Q?_please_help?=\r\n"
    b"Date: yesterday-ish\r\n"
    b"Content-Type: text/plain; charset=\"utf-8; format=flowed\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"\r\n"
    b"My parcel is damaged =E2=80=94 what now?=\r\n"
    b" The box was open.=ZZ\r\n")

# 14b. A line that is no header field ends the header section (as MTAs read it)
open("header-without-blank-line.eml", "wb").write(
    b"From: Tom <tom@example.com>\r\n"
    b"Subject: no blank line\r\n"
    b"Message-ID: <no-blank@example.com>\r\n"
    b"Hello, my order 123 is late.\r\n"
    b"Can you check?\r\n")

# 15. Raw UTF-8 headers (RFC 6532) and a base64 body with broken padding
write("raw-utf8-headers.eml", "", b"")
open("raw-utf8-headers.eml", "wb").write(
    "From: يوسف <youssef@example.com>\r\nTo: support@shop.example\r\nSubject: استفسار عن الشحن\r\n"
    "Date: Fri, 04 Dec 2026 10:00:00 +0300\r\nMessage-ID: <raw-utf8@example.com>\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n".encode("utf-8")
    + base64.b64encode("متى يصل الشحن؟".encode())[:-1] + b"\r\n")

# 16. No sender at all
write("no-sender.eml", """To: support@shop.example
Subject: who am I
Date: Fri, 04 Dec 2026 11:00:00 +0000
Message-ID: <no-sender@example.com>
Content-Type: text/plain; charset=us-ascii
""", b"There is no From header here.\r\n")
