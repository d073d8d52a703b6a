package dev.switchboard.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service command running until Ctrl-C (or SIGTERM) or until the service reports that it
 * failed, then stops what it started, last started first.
 */
final class UntilStopped {
    private static final Logger log = LoggerFactory.getLogger(UntilStopped.class);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Stops what was started in reverse order, also when the JVM is asked to stop. */
    UntilStopped(String name) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            closeAll();
                            stopped.countDown();
                        },
                        name + "-stop"));
    }

    <T extends AutoCloseable> T add(T resource) {
        synchronized (resources) {
            resources.add(resource);
        }
        return resource;
    }

    /** Called by a service that stopped on its own. */
    void fail(String reason) {
        failure.compareAndSet(null, reason);
        stopped.countDown();
    }

    /** Waits; returns 0 after Ctrl-C, throws with the reason after a failure. */
    int await() throws InterruptedException {
        stopped.await();
        if (failure.get() != null) {
            closeAll();
            throw new CommandFailedException(failure.get());
        }
        return 0;
    }

    private void closeAll() {
        List<AutoCloseable> toClose;
        synchronized (resources) {
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", toClose.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
