package dev.switchboard.router.topology;

import dev.switchboard.events.TicketSummary;
import dev.switchboard.schemas.AvroSerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The router's own state-store format for {@link TicketState}: a format version byte, the
 * summary in the event contract's Avro encoding (so it evolves with the contract), then the
 * router's bookkeeping. Only the router reads it; a new format gets a new version byte and the
 * reader keeps reading the old ones.
 */
public final class TicketStateSerde implements Serde<TicketState> {
    private static final byte VERSION = 1;
    private static final AvroSerde<TicketSummary> SUMMARY = AvroSerde.of(TicketSummary.class);

    @Override
    public Serializer<TicketState> serializer() {
        return (topic, state) -> state == null ? null : encode(state);
    }

    @Override
    public Deserializer<TicketState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
    }

    static byte[] encode(TicketState s) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(s.ticketId());
            byte[] summary = SUMMARY.encode(s.summary());
            out.writeInt(summary.length);
            out.write(summary);
            out.writeLong(s.statusAt());
            out.writeLong(s.eventSeq());
            out.writeInt(s.customerMessageTimes().size());
            for (long t : s.customerMessageTimes()) {
                out.writeLong(t);
            }
            out.writeLong(s.lastAgentReplyAt());
            writeStrings(out, s.signals());
            out.writeInt(s.escalationPrecedence());
            writeStrings(out, s.unreachable());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TicketState decode(String topic, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("Unknown ticket state format " + version + " in " + topic);
            }
            String id = in.readUTF();
            byte[] summary = new byte[in.readInt()];
            in.readFully(summary);
            long statusAt = in.readLong();
            long seq = in.readLong();
            int times = in.readInt();
            List<Long> messageTimes = new ArrayList<>(times);
            for (int i = 0; i < times; i++) {
                messageTimes.add(in.readLong());
            }
            long lastAgentReply = in.readLong();
            Set<String> signals = readStrings(in);
            int precedence = in.readInt();
            Set<String> unreachable = readStrings(in);
            return new TicketState(
                    id,
                    SUMMARY.decode(topic, summary),
                    statusAt,
                    seq,
                    messageTimes,
                    lastAgentReply,
                    signals,
                    precedence,
                    unreachable);
        } catch (IOException e) {
            throw new SerializationException("Corrupt ticket state in " + topic + ": " + e, e);
        }
    }

    private static void writeStrings(DataOutputStream out, Collection<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values.stream().sorted().toList()) {
            out.writeUTF(v);
        }
    }

    private static Set<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}
