package io.teatree.api.intents;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer to an accepted intent (202). */
@Schema(description = "An accepted intent")
public record IntentAcceptedView(String id, String model,
                                 @Schema(description = "queued, or the current status of a replayed idempotent request") String status,
                                 Links links) {

    public static IntentAcceptedView of(Accepted accepted) {
        return new IntentAcceptedView(accepted.id().toString(), accepted.model().value(), accepted.status().wireName(),
                new Links("/v1/intents/" + accepted.id(), "/v1/models/" + accepted.model() + "/events"));
    }
}
