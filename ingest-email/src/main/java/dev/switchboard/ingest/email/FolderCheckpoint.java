package dev.switchboard.ingest.email;

import dev.switchboard.events.MailboxCheckpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far a mailbox folder is ingested, as the worker keeps it between transactions: the
 * folder's UIDVALIDITY, the highest UID on Kafka, the recent fingerprints and, during a rescan
 * after a UIDVALIDITY change, the last UID the rescan covers. Immutable; each batch makes the
 * next one, which becomes current only once its transaction has committed.
 */
public record FolderCheckpoint(
        long uidValidity, long lastUid, List<String> fingerprints, Optional<Long> rescanUntilUid) {

    public FolderCheckpoint {
        fingerprints = List.copyOf(fingerprints);
        rescanUntilUid = rescanUntilUid.filter(u -> u > lastUid);
    }

    public static FolderCheckpoint start(long uidValidity, long lastUid) {
        return new FolderCheckpoint(uidValidity, lastUid, List.of(), Optional.empty());
    }

    /** A stored checkpoint; fingerprints this version cannot read are left out. */
    public static FolderCheckpoint from(MailboxCheckpoint stored) {
        List<String> readable = stored.getRecentFingerprints().stream()
                .map(Fingerprint::parse)
                .flatMap(Optional::stream)
                .map(Fingerprint::format)
                .toList();
        return new FolderCheckpoint(
                stored.getUidValidity(),
                stored.getLastUid(),
                readable,
                Optional.ofNullable(stored.getRescanUntilUid()));
    }

    /** The folder was rebuilt (new UIDVALIDITY): start over, checking messages up to {@code untilUid}. */
    public FolderCheckpoint rescan(long newUidValidity, long untilUid) {
        return new FolderCheckpoint(newUidValidity, 0, fingerprints, Optional.of(untilUid));
    }

    public boolean rescanning() {
        return rescanUntilUid.isPresent();
    }

    /**
     * After the message with {@code uid} is on Kafka (or knowingly skipped): its fingerprint is
     * appended and the oldest beyond {@code memory} forgotten. The stored strings are kept as they
     * are, without parsing them again: this runs once per message over up to rescan-memory of them.
     */
    public FolderCheckpoint advance(long uid, Optional<Fingerprint> fingerprint, int memory) {
        List<String> next = fingerprints;
        if (fingerprint.isPresent() && memory > 0) {
            int keep = Math.min(fingerprints.size(), memory - 1);
            List<String> window = new ArrayList<>(keep + 1);
            window.addAll(fingerprints.subList(fingerprints.size() - keep, fingerprints.size()));
            window.add(fingerprint.get().format());
            next = window;
        }
        return new FolderCheckpoint(uidValidity, Math.max(lastUid, uid), next, rescanUntilUid);
    }

    /** Whether a rescan already has this message on Kafka. */
    public boolean alreadyIngested(Fingerprint f, int memory) {
        return new RecentFingerprints(Math.max(memory, fingerprints.size()), fingerprints).contains(f);
    }

    /** Messages received before this were ingested before the remembered window began. */
    public Optional<Instant> rescanFloor() {
        return new RecentFingerprints(Math.max(1, fingerprints.size()), fingerprints).floor();
    }

    public MailboxCheckpoint toEvent(String mailboxId, String folder, Instant now) {
        return MailboxCheckpoint.newBuilder()
                .setMailboxId(mailboxId)
                .setFolder(folder)
                .setUidValidity(uidValidity)
                .setLastUid(lastUid)
                .setUpdatedAt(now)
                .setRecentFingerprints(fingerprints)
                .setRescanUntilUid(rescanUntilUid.orElse(null))
                .build();
    }
}
