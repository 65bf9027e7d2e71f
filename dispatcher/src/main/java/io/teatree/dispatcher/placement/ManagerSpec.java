package io.teatree.dispatcher.placement;

import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.protocol.ModelId;

/**
 * What to run: the manager of {@code model}, sized by {@code podClass}.
 *
 * @param model    the model the manager writes
 * @param podClass its size
 */
public record ManagerSpec(ModelId model, PodClass podClass) {

    public ManagerSpec {
        if (model == null || podClass == null) {
            throw new IllegalArgumentException("model and podClass are required");
        }
    }
}
