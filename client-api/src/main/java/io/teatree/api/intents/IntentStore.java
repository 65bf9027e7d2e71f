package io.teatree.api.intents;

import io.agroal.api.AgroalDataSource;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.IntentRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The API's writes to the {@code intent} table beyond {@link ControlStore}: recording an accepted intent so
 * that its request hash is kept even when the db-manager wrote the row first.
 */
@ApplicationScoped
public class IntentStore {

    private final AgroalDataSource dataSource;
    private final ControlStore control;

    public IntentStore(AgroalDataSource dataSource, ControlStore control) {
        this.dataSource = dataSource;
        this.control = control;
    }

    /**
     * Records an accepted intent as {@code queued} unless a row exists (a later status is never overwritten);
     * an existing row without a request hash gets this one.
     */
    public void recordQueued(IntentRow row) throws SQLException {
        if (control.insertQueued(row) || row.requestHash() == null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE intent SET request_hash = ? WHERE id = ? AND request_hash IS NULL")) {
            ps.setString(1, row.requestHash());
            ps.setObject(2, row.id());
            ps.executeUpdate();
        }
    }
}
