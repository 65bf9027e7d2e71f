package io.teatree.manager.support;

import io.teatree.protocol.Migrations;
import io.teatree.protocol.control.ControlStore;
import io.teatree.testkit.TeatreeServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/** The control tables on the testkit's Postgres, for assertions. */
public final class Control {

    private static PGSimpleDataSource dataSource;

    private Control() {
    }

    public static synchronized PGSimpleDataSource dataSource() {
        if (dataSource == null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(TeatreeServers.get().postgres().jdbcUrl());
            ds.setUser(TeatreeServers.get().postgres().user());
            ds.setPassword(TeatreeServers.get().postgres().password());
            Migrations.apply(ds);
            dataSource = ds;
        }
        return dataSource;
    }

    public static ControlStore store() {
        return new ControlStore(dataSource());
    }

    /** The versions recorded in model_version for a model. */
    public static java.util.List<Long> versions(String model) throws SQLException {
        try (Connection c = dataSource().getConnection();
             var ps = c.prepareStatement("SELECT version FROM model_version WHERE model_id = ? ORDER BY version")) {
            ps.setString(1, model);
            java.util.List<Long> versions = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getLong(1));
                }
            }
            return versions;
        }
    }

    public static long scalar(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
