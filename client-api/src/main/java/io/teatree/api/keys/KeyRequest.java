package io.teatree.api.keys;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/keys}. */
@Schema(description = "A key to create")
public record KeyRequest(
        @Schema(enumeration = {"reader", "writer", "admin"}, required = true) String role,
        @Schema(description = "glob over model ids (* and ?)", defaultValue = "*") String modelPattern) {
}
