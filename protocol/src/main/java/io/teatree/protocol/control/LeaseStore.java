package io.teatree.protocol.control;

import io.teatree.protocol.ModelId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The single-writer lease of a model in {@code goal_model} (docs/design.md, invariants): owner, epoch and expiry, changed
 * only by compare-and-set statements. Time is Postgres' clock, so managers on different hosts agree.
 * Thread-safe; failures are {@link ControlStoreUnavailableException}s.
 */
public class LeaseStore {

    private final DataSource dataSource;

    public LeaseStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the lease when it is free or expired (registering the model when absent) and returns the new
     * epoch, one higher than the last holder's; empty when another owner holds a live lease.
     */
    public OptionalLong acquire(ModelId model, String owner, Duration lease) {
        return acquire(model, owner, lease, null);
    }

    /**
     * As {@link #acquire(ModelId, String, Duration)}, recording {@code ownerSince} (when the owner's process started;
     * null: now) as the row's {@code owner_since}, which renewals leave alone.
     */
    public OptionalLong acquire(ModelId model, String owner, Duration lease, Instant ownerSince) {
        return Jdbc.call(dataSource, "take the lease of " + model, c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO goal_model (id) VALUES (?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, model.value());
                insert.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE goal_model SET owner_id = ?, owner_epoch = owner_epoch + 1, owner_since = coalesce(?, now()),
                           lease_until = now() + make_interval(secs => ?), updated_at = now()
                    WHERE id = ? AND (owner_id IS NULL OR lease_until IS NULL OR lease_until < now())
                    RETURNING owner_epoch""")) {
                ps.setString(1, owner);
                ps.setTimestamp(2, Sql.timestamp(ownerSince));
                ps.setDouble(3, lease.toMillis() / 1000.0);
                ps.setString(4, model.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    /**
     * Extends the lease; false when it is no longer ours (taken over, or released). A lease that expired
     * while Postgres was unreachable is still ours when nobody took it: taking it raises the epoch.
     */
    public boolean renew(ModelId model, String owner, long epoch, Duration lease) {
        return Jdbc.update(dataSource, "renew the lease of " + model, """
                UPDATE goal_model SET lease_until = now() + make_interval(secs => ?), updated_at = now()
                WHERE id = ? AND owner_id = ? AND owner_epoch = ?""", ps -> {
                    ps.setDouble(1, lease.toMillis() / 1000.0);
                    ps.setString(2, model.value());
                    ps.setString(3, owner);
                    ps.setLong(4, epoch);
                }) == 1;
    }

    /** Gives the lease up so the next manager need not wait for expiry. */
    public void release(ModelId model, String owner, long epoch) {
        Jdbc.update(dataSource, "release the lease of " + model, """
                UPDATE goal_model SET owner_id = NULL, owner_since = NULL, lease_until = NULL, updated_at = now()
                WHERE id = ? AND owner_id = ? AND owner_epoch = ?""", ps -> {
                    ps.setString(1, model.value());
                    ps.setString(2, owner);
                    ps.setLong(3, epoch);
                });
    }
}
