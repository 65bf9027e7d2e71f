package io.teatree.dispatcher.placement;

import io.teatree.protocol.ModelId;
import java.util.List;
import java.util.Optional;

/**
 * Where db-managers run (docs/design.md, placement): {@code local} child processes or {@code kubernetes} StatefulSets.
 * At most one manager per model is asked to run at a time. Every method is thread-safe and idempotent;
 * callers serialise calls for one model (the dispatcher holds a per-model lock), calls for different models
 * may run concurrently. A manager that ends by itself is reported to the {@link ExitListener} given at
 * construction.
 */
public interface Placement extends AutoCloseable {

    /** Makes the model's manager run, sized by the spec; nothing happens when it runs or is starting. */
    void start(ManagerSpec spec);

    /** Asks the model's manager to stop after its current batch (SIGTERM, scale to zero). */
    void stop(ModelId model);

    /** Removes every running trace of a model that should have none (a stray); its data stays. */
    void remove(ModelId model);

    /** What this placement knows of one model. */
    Optional<PlacementInfo> find(ModelId model);

    /** Every placement this placement knows, in model order. */
    List<PlacementInfo> list();

    /** Stops watching; the local placement also stops its children. */
    @Override
    void close();
}
