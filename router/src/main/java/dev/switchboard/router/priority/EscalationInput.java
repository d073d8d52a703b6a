package dev.switchboard.router.priority;

import dev.switchboard.router.understanding.Money;
import java.util.List;
import java.util.Optional;

/**
 * What escalation rules look at, for one message.
 *
 * @param text subject and body as written
 * @param language the message's language
 */
public record EscalationInput(
        String intent, List<String> signals, List<Money> amounts, Optional<String> tier, String text, String language) {
    public EscalationInput {
        signals = List.copyOf(signals);
        amounts = List.copyOf(amounts);
    }
}
