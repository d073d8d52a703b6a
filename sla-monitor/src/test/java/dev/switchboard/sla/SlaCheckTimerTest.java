package dev.switchboard.sla;

import static dev.switchboard.sla.SlaDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check timer ops and the SLA benchmark read: one sample per wall-clock check, alerts or not. */
class SlaCheckTimerTest {
    @TempDir
    Path stateDir;

    @Test
    void everyWallClockCheckIsTimedOnce() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SlaDriver sla = new SlaDriver(stateDir, T0, meters)) {
            sla.send(sla.created("SB-1"));

            for (int i = 0; i < 4; i++) {
                sla.advance(Duration.ofMillis(250));
            }
            sla.advance(Duration.ofMinutes(45));

            Timer checks = meters.get(SlaMonitor.CHECK_TIMER).timer();
            assertThat(checks.count()).isEqualTo(5);
            assertThat(sla.newAlerts()).hasSize(1);
        }
    }
}
