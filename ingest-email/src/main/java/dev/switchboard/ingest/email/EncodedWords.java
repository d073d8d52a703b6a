package dev.switchboard.ingest.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words in header text ({@code =?windows-1256?B?...?=}) the way real
 * mail needs: adjacent words of one charset are joined before decoding (clients split
 * multi-byte characters across words), whitespace between encoded words is dropped, words glued
 * to other text are still decoded, and an unknown charset or broken encoding falls back through
 * {@link TextDecoder} with a flag instead of an exception.
 */
public final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?]*)\\?=");
    /** Each byte's value in the base64 alphabet, -1 for bytes outside it. */
    private static final int[] BASE64_VALUES = new int[256];

    static {
        Arrays.fill(BASE64_VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64_VALUES[alphabet.charAt(i)] = i;
        }
    }

    private EncodedWords() {}

    /** Decoded header text and whether a charset fallback was needed. */
    public record Result(String text, boolean fallback) {}

    public static Result decode(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new Result("", false);
        }
        if (!raw.contains("=?")) {
            return new Result(raw, false);
        }
        Matcher m = WORD.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean fallback = false;
        int pos = 0;
        String pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (m.find()) {
            String between = raw.substring(pos, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = m.group(1);
            if (!adjacent || !charset.equalsIgnoreCase(pendingCharset)) {
                if (pendingCharset != null) {
                    fallback |= flush(out, pending, pendingCharset);
                }
                if (!adjacent) {
                    out.append(between);
                }
                pendingCharset = charset;
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : qDecode(m.group(3));
            pending.writeBytes(bytes);
            pos = m.end();
        }
        if (pendingCharset != null) {
            fallback |= flush(out, pending, pendingCharset);
        }
        out.append(raw.substring(pos));
        return new Result(out.toString(), fallback);
    }

    private static boolean flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        TextDecoder.Decoded d = TextDecoder.decode(pending.toByteArray(), Optional.of(charset));
        out.append(d.text());
        pending.reset();
        return d.fallback();
    }

    /** Lenient base64: ignores characters outside the alphabet and a dangling partial group. */
    static byte[] base64(String text) {
        return base64(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Lenient base64 over raw bytes, in one pass: characters outside the alphabet (line breaks,
     * padding, stray spaces) are skipped, a last group of 2 or 3 characters still gives its 1 or
     * 2 bytes (padding was lost), a single dangling character is dropped. Attachment bodies go
     * through here, so it works on the bytes without building strings.
     */
    static byte[] base64(byte[] text) {
        byte[] out = new byte[text.length / 4 * 3 + 3];
        int n = 0;
        int bits = 0;
        int count = 0;
        for (byte b : text) {
            int v = BASE64_VALUES[b & 0xFF];
            if (v < 0) {
                continue;
            }
            bits = bits << 6 | v;
            if (++count == 4) {
                out[n++] = (byte) (bits >> 16);
                out[n++] = (byte) (bits >> 8);
                out[n++] = (byte) bits;
                bits = 0;
                count = 0;
            }
        }
        if (count == 2) {
            out[n++] = (byte) (bits >> 4);
        } else if (count == 3) {
            out[n++] = (byte) (bits >> 10);
            out[n++] = (byte) (bits >> 2);
        }
        return Arrays.copyOf(out, n);
    }

    /** The "Q" encoding: quoted-printable where '_' is a space. */
    static byte[] qDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && isHex(text, i + 1) && isHex(text, i + 2)) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3).toUpperCase(Locale.ROOT), 16));
                i += 2;
            } else {
                out.write(c > 0xFF ? '?' : c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
