package dev.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every event schema stays backward and forward compatible with its previous release in
 * {@code src/test/resources/previous/}, and every enum keeps a default symbol.
 */
class SchemaCompatibilityTest {

    @TestFactory
    List<DynamicTest> everyEventIsCompatibleWithItsPreviousRelease() {
        return EventTypes.all().stream()
                .map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
                    Schema previous = resource("/previous/" + type.getSimpleName() + ".avsc");
                    assertThat(Compatibility.problems(previous, schemaOf(type)))
                            .as("changes to %s since the previous release", type.getSimpleName())
                            .isEmpty();
                }))
                .toList();
    }

    @TestFactory
    List<DynamicTest> everyEnumHasADefaultSymbol() {
        return EventTypes.all().stream()
                .map(type -> DynamicTest.dynamicTest(
                        type.getSimpleName(),
                        () -> assertThat(Compatibility.enumsWithoutDefault(schemaOf(type)))
                                .as("enums without a default in %s", type.getSimpleName())
                                .isEmpty()))
                .toList();
    }

    @Test
    void theCheckRejectsABreakingChange() throws IOException {
        Schema previous = resource("/previous/InboundMessage.avsc");
        Schema breaking = resource("/breaking/InboundMessage.avsc");

        List<String> problems = Compatibility.problems(previous, breaking);

        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("backward").contains("threadKey"))
                .anySatisfy(p -> assertThat(p).startsWith("forward").contains("conversationKey"))
                .anySatisfy(p -> assertThat(p).contains("TYPE_MISMATCH"));
    }

    @Test
    void addingAFieldWithADefaultIsCompatible() throws IOException {
        Schema previous = resource("/previous/DeadLetter.avsc");
        String json = previous.toString()
                .replaceFirst("\"fields\":\\[", "\"fields\":[{\"name\":\"retries\",\"type\":\"int\",\"default\":0},");

        assertThat(Compatibility.problems(previous, new Schema.Parser().parse(json)))
                .isEmpty();
    }

    private static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    private static Schema resource(String path) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(path)) {
            assertThat(in)
                    .as("schema file %s (copy it from the released version)", path)
                    .isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}
