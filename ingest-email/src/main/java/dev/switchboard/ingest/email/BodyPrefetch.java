package dev.switchboard.ingest.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The raw bytes of several messages in one round trip to the server, {@code UID FETCH <set>
 * (BODY.PEEK[])}, instead of one FETCH per message: a server far away (or one that answers small
 * commands slowly, as GreenMail does with Nagle's algorithm) costs one wait per group, not one per
 * message. The bytes are exactly what the server stores, as with a single message's fetch, and
 * each answer is taken by the UID the server put in it.
 *
 * <p>Every requested UID is a key of the answer; its value is null when no body came for it, or
 * the server refused the command (NO, BAD): the worker then fetches that message on its own, where
 * a message the server cannot deliver is counted and dead-lettered. A lost connection is thrown, as
 * from any other command. Callers bound a group's size ({@link #GROUP_BYTES}), so a batch of large
 * messages is never in memory at once.
 */
final class BodyPrefetch {
    /** A group's RFC822.SIZE sum: large enough for a batch of ordinary mail, small enough to hold. */
    static final long GROUP_BYTES = 4L * 1024 * 1024;

    private BodyPrefetch() {}

    static Map<Long, byte[]> fetch(IMAPFolder folder, List<Message> messages) throws MessagingException {
        Map<Long, byte[]> bodies = new HashMap<>();
        List<Long> uids = new ArrayList<>();
        for (Message m : messages) {
            long uid = folder.getUID(m);
            uids.add(uid);
            bodies.put(uid, null);
        }
        if (uids.isEmpty()) {
            return bodies;
        }
        String command = "UID FETCH " + uidSet(uids) + " (BODY.PEEK[])";
        folder.doCommand(p -> {
            Response[] responses = p.command(command, null);
            // EXISTS, EXPUNGE and flag changes that came along must still reach the folder.
            p.notifyResponseHandlers(responses);
            Response last = responses[responses.length - 1];
            if (last.isBYE()) {
                p.handleResult(last); // throws: the connection is gone
            }
            if (!last.isOK()) {
                return null; // refused: each message is fetched on its own
            }
            for (Response r : responses) {
                if (r instanceof FetchResponse f) {
                    UID uid = f.getItem(UID.class);
                    BODY body = f.getItem(BODY.class);
                    if (uid != null
                            && body != null
                            && body.getByteArray() != null
                            && !body.isHeader()
                            && bodies.containsKey(uid.uid)) {
                        bodies.put(uid.uid, body.getByteArray().getNewBytes());
                    }
                }
            }
            return null;
        });
        return bodies;
    }

    /**
     * The first {@code cap} bytes of one message, {@code UID FETCH <uid> (BODY.PEEK[]<0.cap>)}: by
     * UID, because a message's sequence number shifts when another message is expunged. Empty when
     * the server sent no body for it.
     */
    static byte[] prefix(IMAPFolder folder, long uid, int cap) throws MessagingException {
        String command = "UID FETCH " + uid + " (BODY.PEEK[]<0." + cap + ">)";
        Object found = folder.doCommand(p -> {
            Response[] responses = p.command(command, null);
            p.notifyResponseHandlers(responses);
            p.handleResult(responses[responses.length - 1]); // NO, BAD, BYE: thrown
            for (Response r : responses) {
                if (r instanceof FetchResponse f) {
                    UID u = f.getItem(UID.class);
                    BODY body = f.getItem(BODY.class);
                    if (u != null && u.uid == uid && body != null && body.getByteArray() != null) {
                        return body.getByteArray().getNewBytes();
                    }
                }
            }
            return new byte[0];
        });
        return (byte[]) found;
    }

    /** UIDs in ascending order as an IMAP sequence set: {@code 3:7,9,12:13}. */
    static String uidSet(List<Long> ascending) {
        List<String> ranges = new ArrayList<>();
        long start = ascending.get(0);
        long end = start;
        for (long uid : ascending.subList(1, ascending.size())) {
            if (uid == end + 1) {
                end = uid;
            } else {
                ranges.add(start == end ? Long.toString(start) : start + ":" + end);
                start = uid;
                end = uid;
            }
        }
        ranges.add(start == end ? Long.toString(start) : start + ":" + end);
        return String.join(",", ranges);
    }
}
