package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.calendar.Calendars;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Channel;
import dev.switchboard.events.Priority;
import dev.switchboard.events.SlaMetric;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());
    private static final Calendars CALENDARS = Calendars.parse(LOADER, "calendars.yaml", SlaDriver.CALENDARS);

    private static SlaConfig parse(String yaml) {
        return SlaConfig.parse(LOADER, "sla.yaml", yaml, CALENDARS);
    }

    @Test
    void theShippedPoliciesAndCalendarsLoad() {
        SlaConfig config = SlaConfig.load(LOADER, Path.of("../config/sla.yaml"));

        SlaPolicies policies = config.policies();
        assertThat(policies.match(new TicketFacts(Priority.URGENT, Channel.EMAIL, "vip", ""))
                        .name())
                .isEqualTo("urgent");
        assertThat(policies.match(new TicketFacts(Priority.NORMAL, Channel.EMAIL, "VIP", ""))
                        .name())
                .isEqualTo("vip");
        assertThat(policies.match(new TicketFacts(Priority.HIGH, Channel.WHATSAPP, null, ""))
                        .name())
                .isEqualTo("social-high");
        assertThat(policies.match(new TicketFacts(Priority.NORMAL, Channel.EMAIL, null, "arabic"))
                        .name())
                .isEqualTo("arabic-desk");
        assertThat(policies.match(TicketFacts.UNKNOWN).name()).isEqualTo("standard");
        Target arabic = policies.match(new TicketFacts(Priority.NORMAL, Channel.EMAIL, null, "arabic"))
                .target(SlaMetric.FIRST_REPLY)
                .orElseThrow();
        assertThat(arabic.calendar()).isEqualTo("riyadh-office");
        assertThat(config.calendars().get("riyadh-office").zone().getId()).isEqualTo("Asia/Riyadh");
        assertThat(config.checkEvery()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void warnsAtTheShareOrTheLeadTimeWhicheverIsEarlier() {
        SlaConfig config = parse("""
                defaults: {warn-at: 75%, warn-before: 15m}
                policies:
                  - name: standard
                    first-reply: 30m
                    next-reply: 4h
                    resolution: {target: 8h, warn-at: off, warn-before: 0s}
                """);
        SlaPolicies.Policy standard = config.policies().match(TicketFacts.UNKNOWN);

        // 30m: 75 % is 22m30s, 15m before is 15m: the lead time is earlier.
        assertThat(standard.target(SlaMetric.FIRST_REPLY).orElseThrow().warnAfter())
                .contains(Duration.ofMinutes(15));
        // 4h: 75 % is 3h, 15m before is 3h45m: the share is earlier.
        assertThat(standard.target(SlaMetric.NEXT_REPLY).orElseThrow().warnAfter())
                .contains(Duration.ofHours(3));
        assertThat(standard.target(SlaMetric.RESOLUTION).orElseThrow().warnAfter())
                .isEmpty();
    }

    @Test
    void theFirstMatchingPolicyWins() {
        SlaConfig config = parse("""
                policies:
                  - name: vip-whatsapp
                    match: {customer-tier: [vip], channel: [whatsapp]}
                    first-reply: 10m
                  - name: team-billing
                    match: {team: [Billing]}
                    first-reply: 20m
                  - name: everyone
                    first-reply: 30m
                """);

        assertThat(config.policies()
                        .match(new TicketFacts(Priority.LOW, Channel.WHATSAPP, "vip", "billing"))
                        .name())
                .isEqualTo("vip-whatsapp");
        assertThat(config.policies()
                        .match(new TicketFacts(Priority.LOW, Channel.EMAIL, "vip", "billing"))
                        .name())
                .isEqualTo("team-billing");
        assertThat(config.policies()
                        .match(new TicketFacts(Priority.LOW, Channel.EMAIL, null, ""))
                        .name())
                .isEqualTo("everyone");
    }

    @Test
    void mistakesNameTheFileAndTheKey() {
        assertThatThrownBy(() -> parse("""
                        policies:
                          - name: standard
                            first-reply: {target: 1h, calendar: moon-base}
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sla.yaml: policies[0] (standard).first-reply.calendar: unknown calendar 'moon-base';"
                        + " known calendars: 24/7, office");
        assertThatThrownBy(() -> parse("""
                        policies:
                          - name: vip
                            match: {customer-tier: [vip]}
                            first-reply: 1h
                        """))
                .hasMessageStartingWith("sla.yaml: policies[0] (vip): the last policy must match every ticket");
        assertThatThrownBy(() -> parse("""
                        policies:
                          - name: standard
                            match: {channel: [fax]}
                            first-reply: 1h
                        """))
                .hasMessageStartingWith("sla.yaml: policies[0].match.channel[0]: expected one of unknown, email,");
        assertThatThrownBy(() -> parse("""
                        policies:
                          - name: standard
                            first-reply: 90s
                        """)).hasMessageContaining("a target is a whole number of minutes");
        assertThatThrownBy(() -> parse("""
                        policies:
                          - name: standard
                            warn-at: 120%
                            first-reply: 1h
                        """))
                .hasMessageContaining("warn-at: expected a share of the target between 0 and 100 %");
        assertThatThrownBy(() -> parse("""
                        policies:
                          - name: standard
                            first-reply: 1h
                            on-breach: page-the-ceo
                        """))
                .hasMessageStartingWith("sla.yaml: policies[0].on-breach: expected one of notify-lead, raise-priority,"
                        + " reassign, none");
    }
}
