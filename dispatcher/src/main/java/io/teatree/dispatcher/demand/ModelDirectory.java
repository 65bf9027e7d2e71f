package io.teatree.dispatcher.demand;

import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** The registered models (Postgres {@code goal_model}) as the dispatcher needs them. Thread-safe. */
public interface ModelDirectory {

    /** The model's pod class; empty when the model is not registered. */
    Optional<String> podClassOf(ModelId model);

    /** Those of {@code models} that are registered. */
    Set<ModelId> registered(Collection<ModelId> models);

    /** Sets the model's status. */
    void setStatus(ModelId model, ModelStatus status);
}
