package dev.switchboard.router.config;

import dev.switchboard.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How tickets are assigned ({@code assignment.yaml}, referenced from {@code router.yaml}). Every key
 * is optional; docs/router.md explains each.
 *
 * <pre>
 * check-every: 1s                 # wall-clock check: shifts starting and ending, reply deadlines
 * partitions: 3                   # partitions of the by-routing-group repartition topics
 * sticky-window: 7d               # a customer's previous agent is preferred this long (0s: never)
 * reply-within: 1h                # no reply this long after the assignment: someone else (0s: never)
 * unknown-presence: offline       # an agent never reported present counts as offline (or online)
 * lead-roles: [manager, team-lead]
 * channel-kinds: {email: [email], social: [whatsapp, messenger, instagram, x], chat: [web]}
 * language-fallback: {ar: [], "*": [en]}
 * </pre>
 *
 * @param checkEvery how often the wall clock is checked for due shift changes and reply deadlines
 * @param partitions partitions of the four repartition topics keyed by routing group
 * @param stickyWindow how long a customer's previous agent is preferred; zero turns stickiness off
 * @param replyWithin how long an assignee may leave an assigned ticket unanswered; zero: no limit
 * @param unknownPresence {@code offline} or {@code online}: an agent without a presence report
 * @param leadRoles roles that make an agent a lead, notified on an SLA breach
 * @param channelKinds channel kind (capacity bucket) → the channels it covers (lower case)
 * @param languageFallback ticket language → languages whose speakers may take it when nobody
 *     eligible speaks it; {@code "*"} applies to languages not listed
 */
public record AssignmentSettings(
        Duration checkEvery,
        Integer partitions,
        Duration stickyWindow,
        Duration replyWithin,
        String unknownPresence,
        List<String> leadRoles,
        Map<String, List<String>> channelKinds,
        Map<String, List<String>> languageFallback) {

    public static final String ANY_LANGUAGE = "*";
    private static final Map<String, List<String>> DEFAULT_KINDS = defaultKinds();

    public AssignmentSettings {
        checkEvery = checkEvery == null ? Duration.ofSeconds(1) : checkEvery;
        if (checkEvery.isNegative() || checkEvery.isZero() || checkEvery.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("check-every must be between 1ms and 1m, got " + checkEvery);
        }
        partitions = partitions == null ? 3 : partitions;
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        stickyWindow = nonNegative("sticky-window", stickyWindow, Duration.ofDays(7));
        replyWithin = nonNegative("reply-within", replyWithin, Duration.ZERO);
        unknownPresence = unknownPresence == null ? "offline" : unknownPresence.toLowerCase(Locale.ROOT);
        if (!unknownPresence.equals("offline") && !unknownPresence.equals("online")) {
            throw new IllegalArgumentException("unknown-presence must be offline or online, got " + unknownPresence);
        }
        leadRoles = leadRoles == null ? List.of("manager", "team-lead") : List.copyOf(leadRoles);
        channelKinds = channelKinds == null ? DEFAULT_KINDS : lowerValues("channel-kinds", channelKinds);
        Map<String, String> seen = new LinkedHashMap<>();
        channelKinds.forEach((kind, channels) -> channels.forEach(channel -> {
            String before = seen.put(channel, kind);
            if (before != null) {
                throw new IllegalArgumentException(
                        "channel-kinds: channel '" + channel + "' is under both " + before + " and " + kind);
            }
        }));
        languageFallback = languageFallback == null ? Map.of() : lowerValues("language-fallback", languageFallback);
        for (String key : channelKinds.keySet().stream().toList()) {
            requireName("channel-kinds", key);
        }
    }

    public static AssignmentSettings defaults() {
        return new AssignmentSettings(null, null, null, null, null, null, null, null);
    }

    public static AssignmentSettings load(ConfigLoader loader, Path file) {
        return loader.load(file, AssignmentSettings.class);
    }

    /** The capacity bucket of a channel (lower-case name); a channel not listed is its own kind. */
    public String kindOf(String channel) {
        for (Map.Entry<String, List<String>> e : channelKinds.entrySet()) {
            if (e.getValue().contains(channel)) {
                return e.getKey();
            }
        }
        return channel;
    }

    /** Languages whose speakers may take a ticket in {@code language} when nobody eligible speaks it. */
    public List<String> fallbackFor(String language) {
        List<String> listed = languageFallback.get(language);
        if (listed == null) {
            listed = languageFallback.getOrDefault(ANY_LANGUAGE, List.of());
        }
        return listed.stream().filter(l -> !l.equals(language)).toList();
    }

    public boolean unknownMeansOnline() {
        return unknownPresence.equals("online");
    }

    public Optional<Duration> replyDeadline() {
        return replyWithin.isZero() ? Optional.empty() : Optional.of(replyWithin);
    }

    public Optional<Duration> sticky() {
        return stickyWindow.isZero() ? Optional.empty() : Optional.of(stickyWindow);
    }

    private static Duration nonNegative(String key, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, got " + value);
        }
        return value;
    }

    private static Map<String, List<String>> lowerValues(String key, Map<String, List<String>> map) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        map.forEach((k, values) -> {
            List<String> lower = new ArrayList<>();
            for (String v : values == null ? List.<String>of() : values) {
                lower.add(requireName(key + "." + k, v).toLowerCase(Locale.ROOT));
            }
            out.put(k.toLowerCase(Locale.ROOT), List.copyOf(lower));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String requireName(String key, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a name");
        }
        return value;
    }

    private static Map<String, List<String>> defaultKinds() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("email", List.of("email"));
        kinds.put("social", List.of("whatsapp", "messenger", "instagram", "x"));
        kinds.put("chat", List.of("web"));
        return java.util.Collections.unmodifiableMap(kinds);
    }
}
