package io.teatree.dispatcher.e2e;

import io.teatree.protocol.Migrations;
import io.teatree.testkit.TeatreeServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own in the testkit's Postgres, with the control tables migrated. A test that runs its
 * own dispatcher uses one, so the dispatcher service other tests of this JVM start sees none of its models.
 *
 * @param jdbcUrl    its JDBC URL
 * @param dataSource a data source on it
 */
public record IsolatedDatabase(String jdbcUrl, DataSource dataSource) {

    public static IsolatedDatabase create(TeatreeServers servers, String name) throws Exception {
        String url = servers.postgres().jdbcUrl();
        try (Connection c = DriverManager.getConnection(url, servers.postgres().user(), servers.postgres().password());
             ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!rs.next()) {
                c.createStatement().execute("CREATE DATABASE " + name);
            }
        }
        String jdbcUrl = url.substring(0, url.lastIndexOf('/') + 1) + name;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(servers.postgres().user());
        ds.setPassword(servers.postgres().password());
        Migrations.apply(ds);
        return new IsolatedDatabase(jdbcUrl, ds);
    }
}
