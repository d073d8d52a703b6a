package dev.switchboard.sla;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.switchboard.config.Durations;
import dev.switchboard.events.Channel;
import dev.switchboard.events.Priority;
import dev.switchboard.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;

/**
 * {@code sla.yaml} as written; {@link SlaConfig} is the resolved form. See docs/sla-monitor.md.
 *
 * @param calendars the calendars file, relative to this file (default {@code calendars.yaml})
 * @param checkEvery how often the wall-clock check for due alerts runs
 * @param lateAfter an alert fired more than this after its moment is marked {@code firedLate}
 * @param retainSolved how long a solved ticket's clocks are kept, so a reopened ticket resumes them
 */
public record SlaConfigFile(
        KafkaSettings kafka,
        String calendars,
        Duration checkEvery,
        Duration lateAfter,
        Duration retainSolved,
        Defaults defaults,
        List<PolicySpec> policies) {
    public SlaConfigFile {
        kafka = kafka == null ? KafkaSettings.defaults() : kafka;
        calendars = calendars == null || calendars.isBlank() ? "calendars.yaml" : calendars;
        checkEvery = checkEvery == null ? Duration.ofMillis(250) : checkEvery;
        lateAfter = lateAfter == null ? Duration.ofSeconds(1) : lateAfter;
        retainSolved = retainSolved == null ? Duration.ofDays(14) : retainSolved;
        defaults = defaults == null ? new Defaults(null, null, null, null) : defaults;
        policies = policies == null ? List.of() : List.copyOf(policies);
        if (checkEvery.isNegative() || checkEvery.isZero() || checkEvery.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException(
                    "check-every must be more than 0 and at most 1s, so alerts fire within a second; got "
                            + checkEvery);
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("policies: at least one policy is required");
        }
    }

    /** What every policy and target inherits unless it says otherwise. */
    public record Defaults(String calendar, String warnAt, Duration warnBefore, BreachAction onBreach) {
        public Defaults {
            calendar = calendar == null || calendar.isBlank() ? "24/7" : calendar;
            warnAt = warnAt == null ? "75%" : warnAt;
            warnBefore = warnBefore == null ? Duration.ofMinutes(15) : warnBefore;
            onBreach = onBreach == null ? BreachAction.NOTIFY_LEAD : onBreach;
            WarnAt.parse(warnAt);
        }
    }

    /** One ordered rule: the first whose {@code match} fits a ticket sets its targets. */
    public record PolicySpec(
            String name,
            Match match,
            String calendar,
            String warnAt,
            Duration warnBefore,
            BreachAction onBreach,
            TargetSpec firstReply,
            TargetSpec nextReply,
            TargetSpec resolution) {
        public PolicySpec {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required");
            }
            match = match == null ? new Match(null, null, null, null) : match;
            if (warnAt != null) {
                WarnAt.parse(warnAt);
            }
        }
    }

    /** Lists of accepted values; a missing or empty list accepts anything. */
    public record Match(List<Priority> priority, List<Channel> channel, List<String> customerTier, List<String> team) {
        public Match {
            priority = priority == null ? List.of() : List.copyOf(priority);
            channel = channel == null ? List.of() : List.copyOf(channel);
            customerTier = customerTier == null ? List.of() : List.copyOf(customerTier);
            team = team == null ? List.of() : List.copyOf(team);
        }

        public boolean matchesEverything() {
            return priority.isEmpty() && channel.isEmpty() && customerTier.isEmpty() && team.isEmpty();
        }
    }

    /** A target in business time: {@code first-reply: 1h}, or a mapping that also overrides the policy's settings. */
    public record TargetSpec(
            Duration target, String calendar, String warnAt, Duration warnBefore, BreachAction onBreach) {
        public TargetSpec {
            if (target == null) {
                throw new IllegalArgumentException("target is required, e.g. target: 4h");
            }
            if (target.compareTo(Duration.ofMinutes(1)) < 0
                    || target.toSecondsPart() != 0
                    || target.toNanosPart() != 0) {
                throw new IllegalArgumentException("a target is a whole number of minutes, at least 1m; got " + target);
            }
            if (warnAt != null) {
                WarnAt.parse(warnAt);
            }
        }

        /** The short form: just the target, e.g. {@code 4h}. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static TargetSpec of(String target) {
            return new TargetSpec(Durations.parse(target), null, null, null, null);
        }
    }
}
