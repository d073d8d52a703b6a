package dev.switchboard.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalendarsTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    private static final String YAML = """
            calendars:
              riyadh-office:
                zone: Asia/Riyadh
                hours:
                  sunday-thursday: [09:00-13:00, 16:00-20:00]
                holidays: [2026-09-23, 2027-03-09..2027-03-11]
                overrides:
                  - name: ramadan-1448
                    from: 2027-02-08
                    to: 2027-03-08
                    hours:
                      sunday-thursday: [10:00-15:00]
              egypt-holidays:
                zone: Africa/Cairo
                holidays: [2026-10-06]
            """;

    @Test
    void loadsNamedCalendarsAndTheBuiltInTwentyFourSeven() {
        Calendars calendars = Calendars.parse(loader, "calendars.yaml", YAML);

        assertThat(calendars.names()).containsExactlyInAnyOrder("24/7", "riyadh-office", "egypt-holidays");
        BusinessCalendar riyadh = calendars.get("riyadh-office");
        ZoneId zone = ZoneId.of("Asia/Riyadh");
        assertThat(riyadh.zone()).isEqualTo(zone);
        assertThat(riyadh.businessTimeBetween(
                        LocalDateTime.parse("2026-11-29T00:00").atZone(zone).toInstant(),
                        LocalDateTime.parse("2026-11-30T00:00").atZone(zone).toInstant()))
                .isEqualTo(Duration.ofHours(8));
        assertThat(riyadh.holidays())
                .containsExactly(
                        LocalDate.of(2026, 9, 23),
                        LocalDate.of(2027, 3, 9),
                        LocalDate.of(2027, 3, 10),
                        LocalDate.of(2027, 3, 11));
        assertThat(riyadh.overrides()).extracting(DateOverride::name).containsExactly("ramadan-1448");
        assertThat(calendars.holidays("egypt-holidays")).containsExactly(LocalDate.of(2026, 10, 6));
        assertThat(calendars.get("24/7")).isSameAs(BusinessCalendar.alwaysOpen());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        Calendars calendars = Calendars.parse(loader, "calendars.yaml", YAML);

        assertThatThrownBy(() -> calendars.get("cairo"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown calendar 'cairo'; known calendars: 24/7, egypt-holidays, riyadh-office");
    }

    @Test
    void mistakesNameTheCalendarAndTheKey() {
        assertThatThrownBy(() -> Calendars.parse(loader, "calendars.yaml", """
                        calendars:
                          shop:
                            zone: Europe/London
                            hours:
                              mon-fri: [9-17]
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("calendars.yaml: calendars.shop: hours.mon-fri: expected hours such as");
        assertThatThrownBy(() -> Calendars.parse(loader, "calendars.yaml", """
                        calendars:
                          shop:
                            hours: {every-day: [00:00-24:00]}
                        """))
                .hasMessage("calendars.yaml: calendars.shop: zone is required (an IANA time zone such as"
                        + " Europe/London)");
        assertThatThrownBy(() -> Calendars.parse(loader, "calendars.yaml", """
                        calendars:
                          shop:
                            zone: Europe/London
                            holidays: [2026-12-32]
                        """))
                .hasMessageStartingWith("calendars.yaml: calendars.shop: holidays[0]: expected a date such as");
        assertThatThrownBy(() -> Calendars.parse(loader, "calendars.yaml", """
                        calendars:
                          "24/7":
                            zone: UTC
                        """))
                .hasMessageContaining("'24/7' is built in");
    }
}
