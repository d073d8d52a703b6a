package dev.switchboard.router.understanding;

import java.util.List;

/**
 * Something in a message that says "this matters more": urgent words, a legal threat, a
 * chargeback, anger, shouting, a public channel.
 *
 * @param name the signal's name in the rules ({@code urgent}, {@code legal-threat}, …)
 * @param evidence what showed it
 */
public record Signal(String name, List<String> evidence) {
    public static final String ALL_CAPS = "all-caps";
    public static final String PUBLIC_CHANNEL = "public-channel";

    public Signal {
        evidence = List.copyOf(evidence);
    }
}
