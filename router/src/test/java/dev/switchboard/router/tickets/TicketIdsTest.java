package dev.switchboard.router.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TicketIdsTest {

    @Property(tries = 500)
    void theShardOfAnIdIsThePartitionThatMadeIt(
            @ForAll @LongRange(min = 1, max = 50_000_000) long counter,
            @ForAll @IntRange(min = 0, max = 1023) int shard) {
        String id = TicketIds.id(counter, shard);
        assertThat(TicketIds.shard(id)).contains(shard);
        assertThat(TicketIds.isTicketId(id)).isTrue();
        assertThat(TicketIds.canonical(id.toLowerCase())).contains(id);
    }

    @Test
    void partitionsNeverCollide() {
        Set<String> ids = new HashSet<>();
        for (int shard = 0; shard < 32; shard++) {
            for (long counter = 1; counter <= 2_000; counter++) {
                assertThat(ids.add(TicketIds.id(counter, shard))).isTrue();
            }
        }
    }

    @Test
    void idsAreShortAndReadable() {
        assertThat(TicketIds.id(1, 0)).isEqualTo("SB-100");
        assertThat(TicketIds.id(1_000_000, 17)).hasSize(3 + 6).matches("SB-[0-9A-HJKMNP-TV-Z]+");
    }

    @Test
    void peopleMayConfuseLettersAndDigits() {
        String id = TicketIds.id(12345, 2);
        String misread = id.replace('0', 'O').replace('1', 'I').toLowerCase();
        assertThat(TicketIds.canonical(misread)).contains(id);
    }

    @Test
    void subjectTokens() {
        String id = TicketIds.id(42, 1);
        assertThat(TicketIds.fromSubject("Re: [#" + id + "] Your refund")).contains(id);
        assertThat(TicketIds.fromSubject("Re: [ " + id.toLowerCase() + " ] Your refund"))
                .contains(id);
        assertThat(TicketIds.fromSubject("About SB-1042 without brackets")).isEmpty();
        assertThat(TicketIds.fromSubject(null)).isEmpty();
    }

    @Test
    void conversationKeysAreNotTicketIds() {
        assertThat(TicketIds.isTicketId("email:support:abc@mail")).isFalse();
        assertThat(TicketIds.isTicketId("SB-1")).isFalse(); // below the first counter
        assertThatThrownBy(() -> TicketIds.id(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketIds.id(1, 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
