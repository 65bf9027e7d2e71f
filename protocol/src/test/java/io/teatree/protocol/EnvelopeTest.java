package io.teatree.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

    private static final String COMPLETE = """
            {"id":"01890a5d-ac96-774b-bcce-b302099a8057","model":"sales","function":"append",
             "args":{"table":"t","rows":[{"a":1}]},"submittedAt":"2026-11-21T10:00:00Z","requester":"key-1"}""";

    @Test
    void intentRoundTripsThroughJson() {
        IntentEnvelope intent = Json.read(COMPLETE.getBytes(StandardCharsets.UTF_8), IntentEnvelope.class);
        assertThat(intent.model()).isEqualTo(ModelId.of("sales"));
        assertThat(intent.args().path("table").asText()).isEqualTo("t");
        IntentEnvelope again = Json.read(Json.write(intent), IntentEnvelope.class);
        assertThat(again).isEqualTo(intent);
        assertThat(new String(Json.write(intent), StandardCharsets.UTF_8)).doesNotContain("payloadRef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "model", "function", "submittedAt", "requester"})
    void intentMissingAFieldIsRejectedNamingIt(String field) throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(COMPLETE);
        node.remove(field);
        assertThatThrownBy(() -> Json.read(Json.write(node), IntentEnvelope.class))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("'" + field + "'")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
    }

    @Test
    void intentWithBadModelIdIsRejected() throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(COMPLETE);
        node.put("model", "../etc");
        assertThatThrownBy(() -> Json.read(Json.write(node), IntentEnvelope.class))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("DNS label");
    }

    @Test
    void intentArgsMustBeAnObject() throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(COMPLETE);
        node.put("args", "nope");
        assertThatThrownBy(() -> Json.read(Json.write(node), IntentEnvelope.class))
                .isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("args"));
    }

    @Test
    void malformedJsonIsAnInvalidFieldException() {
        assertThatThrownBy(() -> Json.read("{not json".getBytes(StandardCharsets.UTF_8), IntentEnvelope.class))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("malformed");
    }

    @Test
    void eventRoundTripsAndNamesMissingType() throws Exception {
        EventEnvelope event = EventEnvelope.of(ModelId.of("m"), EventType.SNAPSHOT_READY, 7L, null);
        String json = new String(Json.write(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"snapshot.ready\"").contains("\"version\":7");
        assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), EventEnvelope.class)).isEqualTo(event);

        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(json);
        node.remove("type");
        assertThatThrownBy(() -> Json.read(Json.write(node), EventEnvelope.class))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("'type'");
    }

    @Test
    void payloadRefSplitsBucketAndKeyAndRejectsOtherSchemes() {
        PayloadRef ref = Json.read("{\"uri\": \"s3://teatree/staging/m/abc\", \"format\": \"CSV\", \"bytes\": 10}".getBytes(UTF_8), PayloadRef.class);
        assertThat(ref.bucket()).isEqualTo("teatree");
        assertThat(ref.key()).isEqualTo("staging/m/abc");
        assertThat(ref.format()).isEqualTo(PayloadFormat.CSV);
        assertThat(new String(Json.write(ref), UTF_8)).contains("\"format\":\"csv\"");
        assertThatThrownBy(() -> new PayloadRef("file:///etc/passwd", PayloadFormat.CSV, 1))
                .isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> Json.read("{\"uri\": \"s3://b/k\", \"format\": \"xlsx\", \"bytes\": 1}".getBytes(UTF_8), PayloadRef.class))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("payloadRef.format"));
    }

    @Test
    void eventAtIsRequired() {
        assertThatThrownBy(() -> new EventEnvelope(ModelId.of("m"), null, EventType.MANAGER_STARTED, null, null, null, null, null, null))
                .hasMessageContaining("'at'");
        assertThat(Instant.now()).isNotNull();
    }
}
