package dev.switchboard.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes written the way people write it: {@code 25MB}, {@code 512KB}, {@code 1GB}, {@code 4096}. */
public record DataSize(long bytes) {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?");

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(megabytes * 1024 * 1024);
    }

    /** Units are binary (1KB = 1024 bytes), as mail servers and HTTP servers count them. */
    public static DataSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 25MB, 512KB or 1048576, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "KB", "KIB" -> 1024L;
            case "MB", "MIB" -> 1024L * 1024;
            case "GB", "GIB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return new DataSize(Math.multiplyExact(n, factor));
    }

    public int toIntBytes() {
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    @Override
    public String toString() {
        if (bytes % (1024 * 1024) == 0 && bytes > 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        if (bytes % 1024 == 0 && bytes > 0) {
            return bytes / 1024 + "KB";
        }
        return bytes + "B";
    }
}
