package io.teatree.api.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of models in id order. */
@Schema(description = "A page of models in id order")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelPage(List<ModelView> items,
                        @Schema(description = "pass as ?after= for the next page; absent on the last page") String next) {
}
