package dev.switchboard.ingest.email;

import java.util.Locale;
import java.util.Optional;

/** A mailbox address, lower-cased, with the display name its client gave (decoded). */
public record EmailAddress(String address, Optional<String> displayName) {
    public EmailAddress {
        address = address.strip().toLowerCase(Locale.ROOT);
        displayName = displayName.map(String::strip).filter(n -> !n.isEmpty());
    }

    @Override
    public String toString() {
        return displayName.map(n -> n + " <" + address + ">").orElse(address);
    }
}
