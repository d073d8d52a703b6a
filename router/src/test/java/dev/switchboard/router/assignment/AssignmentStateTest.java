package dev.switchboard.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.PresenceStatus;
import dev.switchboard.router.topology.StateJson;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class AssignmentStateTest {
    private final MemoryKv<AgentRecord> agents = new MemoryKv<>(StateJson.AGENTS);
    private final AssignmentState state = new AssignmentState(
            agents,
            new MemoryKv<>(StateJson.TICKETS),
            new MemoryKv<>(Serdes.String()),
            new MemoryKv<>(Serdes.Long()),
            new MemoryKv<>(Serdes.String()),
            new MemoryKv<>(Serdes.String()));

    @Test
    void aRecordChangedButNotSavedStaysAsStored() {
        // given an agent on record and read once (the group's agents are now remembered decoded)
        AgentRecord sam = new AgentRecord();
        sam.presence = PresenceStatus.ONLINE;
        state.putAgent("default", "sam", sam);
        AgentRecord read = state.agents("default").get("sam");

        // when a caller changes what it read without saving it, and then changes the original too
        read.open.put("T-1", "email");
        read.presence = PresenceStatus.OFFLINE;
        sam.open.put("T-2", "email");

        // then the state still says what was saved
        AgentRecord again = state.agents("default").get("sam");
        assertThat(again.presence()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(again.open()).isEmpty();
    }

    @Test
    void savedAndRemovedAgentsAreSeenOnTheNextRead() {
        // given the group's agents read once
        state.putAgent("default", "sam", new AgentRecord());
        assertThat(state.agents("default")).containsOnlyKeys("sam");

        // when an agent is saved with a ticket, another is added and the first removed
        AgentRecord sam = state.agents("default").get("sam");
        sam.open.put("T-1", "email");
        state.putAgent("default", "sam", sam);
        assertThat(state.agents("default").get("sam").load()).isEqualTo(1);
        state.putAgent("default", "lea", new AgentRecord());
        state.deleteAgent("default", "sam");

        // then reads show it, and so does the store underneath
        assertThat(state.agents("default")).containsOnlyKeys("lea");
        assertThat(agents.get("default\u0001lea")).isNotNull();
        assertThat(agents.get("default\u0001sam")).isNull();
    }
}
