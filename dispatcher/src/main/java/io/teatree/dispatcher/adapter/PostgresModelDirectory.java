package io.teatree.dispatcher.adapter;

import io.teatree.dispatcher.demand.ModelDirectory;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ModelRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** {@link ModelDirectory} on the Postgres control tables. SQL failures surface as {@link IllegalStateException}. */
public final class PostgresModelDirectory implements ModelDirectory {

    private final DataSource dataSource;
    private final ControlStore store;

    public PostgresModelDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
        this.store = new ControlStore(dataSource);
    }

    @Override
    public Optional<String> podClassOf(ModelId model) {
        try {
            return store.model(model).map(ModelRow::podClass);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the model " + model + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<ModelId> registered(Collection<ModelId> models) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM goal_model WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", models.stream().map(ModelId::value).toArray()));
            Set<ModelId> found = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(ModelId.of(rs.getString(1)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read registered models: " + e.getMessage(), e);
        }
    }

    @Override
    public void setStatus(ModelId model, String status) {
        try {
            store.setModelStatus(model, status);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the status of " + model + ": " + e.getMessage(), e);
        }
    }
}
