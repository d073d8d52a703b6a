package dev.switchboard.bench;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * How fast can plain Jakarta Mail read a mailbox when it does nothing but read the bytes? The
 * email benchmark's baseline: for each folder, on its own connection and thread (as ingest-email
 * reads each configured folder), log in over IMAP, open the folder read-only, and for each batch
 * of messages prefetch UID, size and the whole message ({@link IMAPFolder.FetchProfileItem#MESSAGE},
 * one FETCH per batch) and write each message to a stream that only counts bytes. No parsing
 * beyond what Jakarta Mail does itself, no Kafka.
 */
final class PlainImapFetch {
    /** One pass over the folders: when each message's last byte was counted, and how many bytes. */
    record Pass(Timeline timeline, long bytes) {}

    private record FolderPass(long[] doneNanos, long bytes) {}

    private PlainImapFetch() {}

    static Pass readAll(String host, int port, String user, String password, List<String> folders, int batchSize)
            throws InterruptedException, ExecutionException {
        ExecutorService threads = Executors.newFixedThreadPool(folders.size());
        try {
            long start = System.nanoTime();
            List<Future<FolderPass>> passes = new ArrayList<>();
            for (String folder : folders) {
                passes.add(threads.submit(() -> readFolder(host, port, user, password, folder, batchSize)));
            }
            LongStream.Builder done = LongStream.builder();
            long bytes = 0;
            for (Future<FolderPass> pass : passes) {
                Arrays.stream(pass.get().doneNanos()).forEach(done);
                bytes += pass.get().bytes();
            }
            return new Pass(new Timeline(start, done.build().sorted().toArray()), bytes);
        } finally {
            threads.shutdownNow();
        }
    }

    private static FolderPass readFolder(
            String host, int port, String user, String password, String name, int batchSize) throws Exception {
        Properties props = new Properties();
        // As ingest-email: never mark messages seen while reading them.
        props.put("mail.imap.peek", "true");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(host, port, user, password);
        try {
            Folder folder = store.getFolder(name);
            folder.open(Folder.READ_ONLY);
            try {
                Message[] all = folder.getMessages();
                long[] done = new long[all.length];
                CountingStream counter = new CountingStream();
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(FetchProfile.Item.SIZE);
                profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
                for (int from = 0; from < all.length; from += batchSize) {
                    Message[] batch = Arrays.copyOfRange(all, from, Math.min(all.length, from + batchSize));
                    folder.fetch(batch, profile);
                    for (int i = 0; i < batch.length; i++) {
                        batch[i].writeTo(counter);
                        done[from + i] = System.nanoTime();
                        // Drop the cached message, as a reader that only passes the bytes on would.
                        ((IMAPMessage) batch[i]).invalidateHeaders();
                    }
                }
                return new FolderPass(done, counter.count);
            } finally {
                folder.close(false);
            }
        } finally {
            closeQuietly(store);
        }
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException e) {
            // The pass is measured; a failing LOGOUT changes nothing about it.
        }
    }

    /** Counts the bytes written to it and drops them. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
