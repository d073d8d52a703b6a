package dev.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    @Test
    void writesPlainJsonWithRealUnicode() throws Exception {
        JsonNode json = AvroJson.toJson(AvroSerdeTest.message("أين طلبي؟"));
        String text = new ObjectMapper().writeValueAsString(json);

        assertThat(text).contains("\"bodyText\":\"أين طلبي؟\"");
        assertThat(json.get("receivedAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(json.get("channel").asText()).isEqualTo("EMAIL");
        // unions are their value, not Avro's {"string": ...} wrapping
        assertThat(json.get("subject").asText()).isEqualTo("طلب");
        assertThat(json.get("customer").get("displayName").asText()).isEqualTo("سارة");
        assertThat(json.get("language").isNull()).isTrue();
    }
}
