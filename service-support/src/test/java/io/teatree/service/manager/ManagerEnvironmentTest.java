package io.teatree.service.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.protocol.ModelId;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ManagerEnvironmentTest {

    private final ManagerEnvironment servers = new ManagerEnvironment("nats://n:4222", "manager", "npw", "jdbc:postgresql://pg/teatree", "tt", "pw",
            "http://s3:9000", "eu-west-1", "goals", "ak", "sk");

    @Test
    void variablesAreTheEnvironmentFormOfTheManagersProperties() {
        Map<String, String> names = Arrays.stream(ManagerVariable.values())
                .collect(Collectors.toMap(ManagerVariable::property, ManagerVariable::variable));

        assertThat(names).containsEntry("teatree.manager.model", "TEATREE_MANAGER_MODEL")
                .containsEntry("teatree.manager.duckdb-memory-limit", "TEATREE_MANAGER_DUCKDB_MEMORY_LIMIT")
                .containsEntry("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL")
                .containsEntry("teatree.s3.secret-key", "TEATREE_S3_SECRET_KEY")
                .containsEntry("teatree.nats.password", "TEATREE_NATS_PASSWORD")
                .containsEntry("quarkus.http.port", "QUARKUS_HTTP_PORT");
        assertThat(ManagerVariable.named("TEATREE_NATS_URL")).contains(ManagerVariable.NATS_URL);
        assertThat(ManagerVariable.named("TEATREE_LOG_JSON")).isEmpty();
    }

    @Test
    void plainValuesAndSecretsAreApart() {
        Map<ManagerVariable, String> plain = servers.plain(ModelId.of("sales"), Duration.ofMinutes(4), "1536MB", 2);

        assertThat(plain).containsEntry(ManagerVariable.MODEL, "sales").containsEntry(ManagerVariable.IDLE_TIMEOUT, "PT4M")
                .containsEntry(ManagerVariable.DUCKDB_MEMORY_LIMIT, "1536MB").containsEntry(ManagerVariable.DUCKDB_THREADS, "2")
                .containsEntry(ManagerVariable.NATS_URL, "nats://n:4222").containsEntry(ManagerVariable.S3_BUCKET, "goals");
        assertThat(plain.keySet()).noneMatch(ManagerVariable::secret);
        assertThat(servers.secrets()).containsOnlyKeys(ManagerVariable.NATS_USER, ManagerVariable.NATS_PASSWORD, ManagerVariable.DB_USER, ManagerVariable.DB_PASSWORD,
                ManagerVariable.S3_ACCESS_KEY, ManagerVariable.S3_SECRET_KEY);
        assertThat(servers.secrets().keySet()).allMatch(ManagerVariable::secret);
        assertThat(servers.toString()).doesNotContain("npw", "pw", "sk");
    }

    @Test
    void aPodMayReachPostgresByAnotherName() {
        assertThat(servers.withJdbcUrl("jdbc:postgresql://pg.svc/teatree").jdbcUrl()).isEqualTo("jdbc:postgresql://pg.svc/teatree");
        assertThat(servers.withJdbcUrl("jdbc:postgresql://pg.svc/teatree").s3SecretKey()).isEqualTo("sk");
    }
}
