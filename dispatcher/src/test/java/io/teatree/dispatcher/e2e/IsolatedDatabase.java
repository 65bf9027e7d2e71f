package io.teatree.dispatcher.e2e;

import io.teatree.protocol.Migrations;
import io.teatree.testkit.TeatreeServers;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own in the testkit's Postgres, with the control tables migrated. A test that runs its
 * own dispatcher uses one, so the dispatcher service other tests of this JVM start sees none of its models.
 * The testkit's admin creates it; the data source connects as the application role, as services do.
 *
 * @param jdbcUrl    its JDBC URL
 * @param dataSource a data source on it
 */
public record IsolatedDatabase(String jdbcUrl, DataSource dataSource) {

    public static IsolatedDatabase create(TeatreeServers servers, String name) {
        String jdbcUrl = servers.postgres().createDatabase(name);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(servers.postgres().user());
        ds.setPassword(servers.postgres().password());
        Migrations.apply(ds);
        return new IsolatedDatabase(jdbcUrl, ds);
    }
}
