package io.teatree.dispatcher.adapter;

import io.teatree.dispatcher.demand.ModelDirectory;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ModelRow;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ModelDirectory} on the Postgres control tables (the protocol's {@link ControlStore}). An outage
 * surfaces as {@link io.teatree.protocol.control.ControlStoreUnavailableException}.
 */
public final class PostgresModelDirectory implements ModelDirectory {

    private final ControlStore store;

    public PostgresModelDirectory(ControlStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> podClassOf(ModelId model) {
        return store.model(model).map(ModelRow::podClass);
    }

    @Override
    public Set<ModelId> registered(Collection<ModelId> models) {
        return store.registered(models);
    }

    @Override
    public void setStatus(ModelId model, ModelStatus status) {
        store.setModelStatus(model, status);
    }
}
