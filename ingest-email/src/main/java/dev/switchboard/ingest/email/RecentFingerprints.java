package dev.switchboard.ingest.email;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The fingerprints of the last N ingested messages of a mailbox folder, oldest first; with them
 * a rescan after a UIDVALIDITY change recognises messages that are already on Kafka.
 *
 * <p>Messages that arrived at the server before the oldest remembered one ({@link #floor()})
 * were ingested before the window began, so a rescan skips them without looking: that keeps
 * the window small (a few thousand) however large the folder is. Known limit: a message copied
 * into the folder with an old receipt time between the last checkpoint and the UIDVALIDITY
 * change is skipped by that rule.
 */
public final class RecentFingerprints {
    private final int capacity;
    private final Deque<Fingerprint> window = new ArrayDeque<>();

    public RecentFingerprints(int capacity, Collection<String> stored) {
        this.capacity = capacity;
        stored.stream().map(Fingerprint::parse).flatMap(Optional::stream).forEach(this::add);
    }

    public void add(Fingerprint f) {
        window.addLast(f);
        while (window.size() > capacity) {
            window.removeFirst();
        }
    }

    public boolean contains(Fingerprint f) {
        return window.stream().anyMatch(f::matches);
    }

    /** The earliest receipt time remembered; empty when nothing is. */
    public Optional<Instant> floor() {
        return window.stream().map(Fingerprint::receivedAt).min(Instant::compareTo);
    }

    public List<String> formatted() {
        return window.stream().map(Fingerprint::format).toList();
    }

    public RecentFingerprints copy() {
        return new RecentFingerprints(capacity, formatted());
    }

    public int size() {
        return window.size();
    }
}
