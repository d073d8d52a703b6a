package dev.switchboard.bench;

import dev.switchboard.events.InboundMessage;
import dev.switchboard.kafka.KafkaSettings;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** The pass-through baseline and a watcher on its output; latency from each message's ingest time. */
final class PassThroughSubject implements Subject {
    private final PassThroughApp app;
    private final KafkaSettings kafka;
    private TopicWatcher<InboundMessage> output;

    PassThroughSubject(KafkaSettings kafka) {
        this.kafka = kafka;
        this.app = new PassThroughApp(kafka);
    }

    @Override
    public String name() {
        return "pass-through";
    }

    @Override
    public void start() {
        output = TopicWatcher.of(
                kafka, app.output(), kafka.topics().inboundMessages(), m -> Optional.of(m.getIngestedAt()));
        app.start();
    }

    @Override
    public boolean running() {
        return app.running();
    }

    @Override
    public long handled() {
        return output.records();
    }

    @Override
    public boolean done(long expected) {
        return output.records() >= expected;
    }

    @Override
    public long outputs() {
        return output.records();
    }

    @Override
    public long lastOutputNanos() {
        return output.lastArrivalNanos();
    }

    @Override
    public Histogram takeLatencies() {
        return output.takeLatencies();
    }

    @Override
    public void close() {
        app.close();
        if (output != null) {
            output.close();
        }
    }
}
