package dev.switchboard.broker;

import java.nio.file.Path;

/** A parent process for tests: starts a broker on the given data dir and waits to be killed. */
public final class BrokerParentMain {
    private BrokerParentMain() {}

    public static void main(String[] args) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.of(Path.of(args[0]), 0));
        System.out.println("PARENT-READY " + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
