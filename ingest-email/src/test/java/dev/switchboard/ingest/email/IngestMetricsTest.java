package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    @Test
    void eachFolderOfOneMailboxHasItsOwnGauges() {
        // given one mailbox listed with two folders, each with its own worker's metrics
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);
        IngestMetrics inbox = new IngestMetrics(registry, "shop", "INBOX", clock);
        IngestMetrics returns = new IngestMetrics(registry, "shop", "Returns", clock);

        // when only the first folder is connected and only the second has a backlog
        inbox.connected(true);
        returns.connected(false);
        returns.oldestUnprocessed(Instant.parse("2026-12-03T11:59:00Z"));
        inbox.ingested(false, false);

        // then ops see each folder's own state, not whichever registered first
        assertThat(gauge(registry, "switchboard.email.connected", "INBOX")).isEqualTo(1.0);
        assertThat(gauge(registry, "switchboard.email.connected", "Returns")).isEqualTo(0.0);
        assertThat(gauge(registry, "switchboard.email.oldest.unprocessed.age", "INBOX"))
                .isEqualTo(0.0);
        assertThat(gauge(registry, "switchboard.email.oldest.unprocessed.age", "Returns"))
                .isEqualTo(60.0);
        assertThat(registry.get("switchboard.email.messages.ingested")
                        .tag("mailbox", "shop")
                        .tag("folder", "INBOX")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    private static double gauge(SimpleMeterRegistry registry, String name, String folder) {
        return registry.get(name)
                .tag("mailbox", "shop")
                .tag("folder", folder)
                .gauge()
                .value();
    }
}
