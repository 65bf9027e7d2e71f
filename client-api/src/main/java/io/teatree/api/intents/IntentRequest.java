package io.teatree.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/models/{m}/intents}. */
@Schema(description = "A function to apply to the model")
public record IntentRequest(
        @Schema(description = "function name, e.g. append", examples = "append", required = true) String function,
        @Schema(description = "the function's arguments (a JSON object)", implementation = Object.class) JsonNode args) {
}
