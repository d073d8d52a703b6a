package dev.switchboard.router.understanding;

import java.util.List;

/** What the router understood of one customer message. */
public record Analysis(
        LanguageDetector.LanguageResult language,
        IntentResult intent,
        List<Money> amounts,
        List<String> orderNumbers,
        List<Signal> signals) {
    public Analysis {
        amounts = List.copyOf(amounts);
        orderNumbers = List.copyOf(orderNumbers);
        signals = List.copyOf(signals);
    }

    public boolean has(String signal) {
        return signals.stream().anyMatch(s -> s.name().equals(signal));
    }
}
