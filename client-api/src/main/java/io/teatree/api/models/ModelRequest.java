package io.teatree.api.models;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/models}. */
@Schema(description = "A model to register")
public record ModelRequest(
        @Schema(description = "model id, a DNS label", examples = "sales", required = true) String id,
        @Schema(description = "pod class: small, medium, large or xlarge", defaultValue = "small") String podClass) {
}
