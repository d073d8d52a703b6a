package dev.switchboard.router.priority;

import java.util.List;
import java.util.Optional;

/**
 * What priority depends on.
 *
 * @param intent the ticket's intent
 * @param signals names of the signals found in the customer's messages ({@code urgent}, …)
 * @param tier the customer's tier, when known
 * @param messagesWhileWaiting customer messages within the follow-up window since the last agent
 *     reply, this one included (1 = no follow-up)
 * @param followUpWindowText the window as people read it ({@code 2h}), for the reason's label
 */
public record PriorityInput(
        String intent,
        List<String> signals,
        Optional<String> tier,
        int messagesWhileWaiting,
        String followUpWindowText) {
    public PriorityInput {
        signals = List.copyOf(signals);
    }
}
