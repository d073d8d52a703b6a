package dev.switchboard.schemas;

import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes on a Switchboard topic that are not a record of a schema this reader knows.
 *
 * <p>It keeps the raw bytes so the Streams applications can put them, untouched, on the
 * dead-letter topic.
 */
public final class UndecodableRecordException extends SerializationException {
    private final String topic;
    private final transient byte[] rawBytes;

    public UndecodableRecordException(String topic, byte[] rawBytes, String reason, Throwable cause) {
        super("Undecodable record on topic " + topic + ": " + reason, cause);
        this.topic = topic;
        this.rawBytes = rawBytes == null ? new byte[0] : rawBytes.clone();
    }

    public String topic() {
        return topic;
    }

    public byte[] rawBytes() {
        return Arrays.copyOf(rawBytes, rawBytes.length);
    }
}
