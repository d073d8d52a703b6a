package dev.switchboard.router.assignment;

import dev.switchboard.calendar.avro.AgentCalendars;
import dev.switchboard.events.Agent;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What assignment needs to know about an agent, read once from an {@link Agent} record: who they
 * are, what they can take (teams, intents, channels, languages, roles), how much (capacity) and
 * when ({@link AgentShifts}). Names are compared in lower case; languages by their primary subtag ({@code en-GB} is
 * {@code en}).
 *
 * @param intents empty: every intent
 * @param channels empty: every channel
 * @param capacityByKind a kind not listed is limited by the total only
 */
public record AgentProfile(
        String id,
        String name,
        String routingGroup,
        Set<String> teams,
        Set<String> intents,
        Set<String> channels,
        Set<String> languages,
        Set<String> roles,
        int capacity,
        Map<String, Integer> capacityByKind,
        boolean active,
        AgentShifts shifts) {

    public AgentProfile {
        teams = Set.copyOf(teams);
        intents = Set.copyOf(intents);
        channels = Set.copyOf(channels);
        languages = Set.copyOf(languages);
        roles = Set.copyOf(roles);
        capacityByKind = Map.copyOf(capacityByKind);
    }

    /**
     * @throws IllegalArgumentException naming the agent and the field when the record cannot be
     *     used (time zone, shifts, holidays)
     */
    public static AgentProfile of(Agent a) {
        Map<String, Integer> byKind = new TreeMap<>();
        a.getCapacity().getPerChannelKind().forEach((k, v) -> byKind.put(k.toLowerCase(Locale.ROOT), v));
        return new AgentProfile(
                a.getId(),
                a.getName(),
                a.getRoutingGroup(),
                lower(a.getTeams()),
                lower(a.getIntents()),
                lower(a.getChannels()),
                languages(a.getLanguages()),
                lower(a.getRoles()),
                a.getCapacity().getTotal(),
                byKind,
                a.getActive(),
                new AgentShifts(AgentCalendars.of(a), a.getTimeOff()));
    }

    public ZoneId zone() {
        return shifts.zone();
    }

    /** Capacity for a channel kind: its own limit, or the total when the kind has none. */
    public int capacityFor(String kind) {
        return Math.min(capacity, capacityByKind.getOrDefault(kind, capacity));
    }

    public boolean speaks(String language) {
        return languages.contains(language);
    }

    static String language(String tag) {
        String lower = tag.toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = lower.indexOf('-');
        return dash < 0 ? lower : lower.substring(0, dash);
    }

    private static Set<String> languages(List<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        tags.forEach(t -> out.add(language(t)));
        return out;
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return out;
    }
}
