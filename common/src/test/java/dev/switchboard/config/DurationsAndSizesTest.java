package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsAndSizesTest {

    @Test
    void readsOperatorDurations() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void rejectsDurationsWithoutUnitsOrWithJunk() {
        assertThatThrownBy(() -> Durations.parse("15")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("15m x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("m15")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsBinarySizes() {
        assertThat(DataSize.parse("25MB").bytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(DataSize.parse("512kb").bytes()).isEqualTo(512L * 1024);
        assertThat(DataSize.parse("1 GB").bytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(DataSize.parse("4096").bytes()).isEqualTo(4096);
        assertThat(DataSize.parse("25MB")).hasToString("25MB");
        assertThatThrownBy(() -> DataSize.parse("-1MB")).isInstanceOf(IllegalArgumentException.class);
    }
}
