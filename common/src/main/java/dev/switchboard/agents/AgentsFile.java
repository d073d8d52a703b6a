package dev.switchboard.agents;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config/agents.yaml}: the support team as data. See docs/agents.md for every key.
 *
 * <pre>
 * agents:
 *   - id: amira
 *     name: Amira Hassan
 *     email: amira@shop.example
 *     routing-group: default
 *     teams: [billing]
 *     skills: {intents: [refund, payment], channels: [email, whatsapp], product-areas: [electronics]}
 *     languages: [ar, en]
 *     roles: [refund-approver]
 *     capacity: {total: 6, email: 5, social: 2}
 *     time-zone: Africa/Cairo
 *     shifts:                           # the same syntax as hours in config/calendars.yaml
 *       sunday-thursday: [09:00-17:00]
 *       friday: [22:00-02:00]           # crosses midnight
 *     time-off:
 *       - {from: 2026-12-24, to: 2026-12-26, reason: leave}   # whole days, in the agent's zone
 *     holiday-calendar: egypt
 * </pre>
 */
public record AgentsFile(List<Entry> agents) {
    public AgentsFile {
        agents = agents == null ? List.of() : List.copyOf(agents);
        long ids = agents.stream().map(Entry::id).distinct().count();
        if (ids != agents.size()) {
            throw new IllegalArgumentException("agents: every id must be unique");
        }
    }

    public record Entry(
            String id,
            String name,
            Optional<String> email,
            String routingGroup,
            List<String> teams,
            Skills skills,
            List<String> languages,
            List<String> roles,
            Map<String, Integer> capacity,
            String timeZone,
            Map<String, List<String>> shifts,
            List<TimeOff> timeOff,
            Optional<String> holidayCalendar,
            List<String> holidays,
            Boolean active) {
        public Entry {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("id: required");
            }
            name = name == null || name.isBlank() ? id : name;
            email = email == null ? Optional.empty() : email;
            routingGroup = routingGroup == null || routingGroup.isBlank() ? "default" : routingGroup;
            teams = teams == null ? List.of() : List.copyOf(teams);
            skills = skills == null ? new Skills(null, null, null) : skills;
            languages = languages == null ? List.of() : List.copyOf(languages);
            roles = roles == null ? List.of() : List.copyOf(roles);
            capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
            if (timeZone == null || timeZone.isBlank()) {
                throw new IllegalArgumentException("time-zone: required (an IANA id such as Africa/Cairo)");
            }
            shifts = shifts == null ? Map.of() : shifts;
            timeOff = timeOff == null ? List.of() : List.copyOf(timeOff);
            holidayCalendar = holidayCalendar == null ? Optional.empty() : holidayCalendar;
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
            active = active == null || active;
        }
    }

    /** Empty lists mean "any". */
    public record Skills(List<String> intents, List<String> channels, List<String> productAreas) {
        public Skills {
            intents = intents == null ? List.of() : List.copyOf(intents);
            channels = channels == null ? List.of() : List.copyOf(channels);
            productAreas = productAreas == null ? List.of() : List.copyOf(productAreas);
        }
    }

    /**
     * A date ({@code 2026-12-24}, whole days, both ends included) or local date-time
     * ({@code 2026-12-24T13:00}) range in the agent's zone.
     */
    public record TimeOff(String from, String to, Optional<String> reason) {
        public TimeOff {
            reason = reason == null ? Optional.empty() : reason;
        }
    }
}
