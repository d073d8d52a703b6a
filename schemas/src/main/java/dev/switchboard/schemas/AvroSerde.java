package dev.switchboard.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for a generated Avro record in Avro's single-object encoding: a two-byte
 * marker, the writer schema's 64-bit fingerprint, then Avro binary. Records are
 * self-describing without a schema registry.
 *
 * <p>The reader knows the current schema and every previous release kept in
 * {@code schemas/src/test/resources/previous/} (packaged with the main classes), so it decodes
 * records written by older producers. Its limit: a record from a <em>newer</em> writer whose
 * schema this reader has never seen cannot be decoded; upgrade readers before writers (see
 * docs/schemas.md). Null bytes are tombstones and decode to null.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private static final String PREVIOUS = "/dev/switchboard/schemas/previous/";

    static {
        AvroSetup.install();
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        previousSchemas(schema).forEach(decoder::addSchema);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    public Class<T> type() {
        return type;
    }

    /** Encodes without a topic, e.g. for HTTP bodies and tests. */
    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes bytes of this type; anything else raises {@link UndecodableRecordException}. */
    public T decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new UndecodableRecordException(
                    topic, bytes, "written with a schema unknown to " + type.getSimpleName() + " readers", e);
        } catch (BadHeaderException e) {
            throw new UndecodableRecordException(
                    topic, bytes, "not Avro single-object encoded (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException(
                    topic, bytes, "corrupt " + type.getSimpleName() + " body (" + e + ")", e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : encode(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::decode;
    }

    private static List<Schema> previousSchemas(Schema current) {
        try (InputStream in = AvroSerde.class.getResourceAsStream(PREVIOUS + current.getName() + ".avsc")) {
            if (in == null) {
                return List.of();
            }
            return List.of(new Schema.Parser().parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the previous schema of " + current.getFullName(), e);
        }
    }
}
