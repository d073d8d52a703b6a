package dev.switchboard.ingest.social;

import dev.switchboard.http.SwitchboardSignature;
import java.util.Locale;

/**
 * A webhook source: its endpoint, the header that carries its signature, and how the signature is
 * written. Meta (Messenger and Instagram) and WhatsApp sign with the app secret and hex; X signs
 * with the consumer secret and base64; the web form follows Meta's scheme with its own header.
 */
public enum Platform {
    META("X-Hub-Signature-256", WebhookSignature.Encoding.HEX),
    WHATSAPP("X-Hub-Signature-256", WebhookSignature.Encoding.HEX),
    X("X-Twitter-Webhooks-Signature", WebhookSignature.Encoding.BASE64),
    WEB(SwitchboardSignature.HEADER, WebhookSignature.Encoding.TIMESTAMPED);

    private final String signatureHeader;
    private final WebhookSignature.Encoding encoding;

    Platform(String signatureHeader, WebhookSignature.Encoding encoding) {
        this.signatureHeader = signatureHeader;
        this.encoding = encoding;
    }

    /** The name in configuration, metrics, logs and dead letters: meta, whatsapp, x, web. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String path() {
        return "/webhooks/" + id();
    }

    public String signatureHeader() {
        return signatureHeader;
    }

    WebhookSignature signature(String secret) {
        return new WebhookSignature(signatureHeader, encoding, secret);
    }
}
