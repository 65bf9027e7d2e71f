package io.teatree.protocol;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the control-table migrations ({@code classpath:db/migration}, docs/design.md, control tables). Safe to call from
 * several services at once: Flyway serialises on a Postgres advisory lock.
 */
public final class Migrations {

    private Migrations() {
    }

    /** Migrates the schema to the newest version; returns the number of migrations applied. */
    public static int apply(DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
