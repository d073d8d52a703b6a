package dev.switchboard.ingest.email;

import java.time.Instant;
import java.util.Optional;

/** Where a message was found: the mailbox, the folder and its IMAP coordinates. */
public record MessageContext(
        String mailboxId, String folder, long uid, long uidValidity, Optional<Instant> internalDate) {}
