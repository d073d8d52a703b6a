package dev.switchboard.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void theStoredViewFollowsSavesAndCannotBeChangedThroughIt() {
        // given the group's stored view taken before any change
        state.putAgent("default", "sam", new AgentRecord());
        var view = state.storedAgents("default");

        // when an agent gets a ticket through a copy that is saved, and another is added
        AgentRecord sam = view.get("sam").copy();
        sam.open.put("T-1", "email");
        state.putAgent("default", "sam", sam);
        state.putAgent("default", "lea", new AgentRecord());
        sam.open.put("T-2", "email");

        // then the same view shows what was saved, not the later unsaved change, and refuses writes
        assertThat(view).containsOnlyKeys("lea", "sam");
        assertThat(view.get("sam").open()).containsOnlyKeys("T-1");
        assertThatThrownBy(() -> view.remove("sam")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theQueueHeadIsRightAfterHeadsAreAssignedAndEarlierTicketsArrive() {
        // given a bucket of three whose head was read, then assigned
        String b = state.enqueue("default", "en", "b", "T-b");
        state.enqueue("default", "en", "c", "T-c");
        String d = state.enqueue("default", "en", "d", "T-d");
        assertThat(state.heads("default", "en", 1))
                .extracting(AssignmentState.Waiting::ticketId)
                .containsExactly("T-b");
        state.dequeue(b);
        assertThat(state.heads("default", "en", 1))
                .extracting(AssignmentState.Waiting::ticketId)
                .containsExactly("T-c");

        // when a ticket that sorts before the current head arrives (a more urgent one)
        state.enqueue("default", "en", "a", "T-a");

        // then it is the head, and positions count it
        assertThat(state.heads("default", "en", 5))
                .extracting(AssignmentState.Waiting::ticketId)
                .containsExactly("T-a", "T-c", "T-d");
        assertThat(state.position(d, 10)).contains(3);

        // and once the bucket is emptied, a new ticket is its head whatever it sorts after
        state.heads("default", "en", 5).forEach(w -> state.dequeue(w.key()));
        assertThat(state.buckets("default")).isEmpty();
        state.enqueue("default", "en", "z", "T-z");
        state.enqueue("default", "en", "y", "T-y");
        assertThat(state.heads("default", "en", 5))
                .extracting(AssignmentState.Waiting::ticketId)
                .containsExactly("T-y", "T-z");
    }
}
