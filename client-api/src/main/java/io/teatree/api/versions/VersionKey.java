package io.teatree.api.versions;

import io.teatree.protocol.ModelId;

/** One published version of one model: the key of the local file and of the open DuckDB instance. */
public record VersionKey(ModelId model, long version) {

    @Override
    public String toString() {
        return model.value() + "@v" + version;
    }
}
