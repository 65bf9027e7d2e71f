package io.teatree.functions.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.TeatreeFunction;
import io.teatree.functions.testing.ModelDb;
import org.junit.jupiter.api.Test;

class FunctionRegistryTest {

    @Test
    void serviceLoaderFindsEveryBuiltIn() {
        FunctionRegistry registry = FunctionRegistry.load(getClass().getClassLoader());

        assertThat(registry.all().keySet()).containsExactly("allocate", "append", "create_table", "delete", "pipeline",
                "replace", "resample", "snapshot", "sql", "upsert");
        assertThat(registry.all().values()).filteredOn(TeatreeFunction::acceptsPayload)
                .extracting(TeatreeFunction::name).containsExactlyInAnyOrder("append", "replace", "upsert");
        assertThat(registry.all().values()).filteredOn(TeatreeFunction::ownerOnly)
                .extracting(TeatreeFunction::name).containsExactly("sql");
        assertThat(registry.all().keySet()).allMatch(name -> name.matches("^[a-z][a-z0-9_]{0,62}$"));
    }

    @Test
    void anUnknownFunctionIsNamedWithTheKnownOnes() {
        FunctionRegistry registry = FunctionRegistry.load(getClass().getClassLoader());

        assertThatThrownBy(() -> registry.get("drop_everything"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("function");
                    assertThat(e.getMessage()).contains("append", "upsert");
                });
    }

    @Test
    void snapshotOnlyAsksTheManagerForASnapshot() throws Exception {
        try (ModelDb db = ModelDb.open()) {
            TeatreeFunction<?> snapshot = FunctionRegistry.load(getClass().getClassLoader()).get("snapshot");

            assertThat(db.apply(snapshot, "{}").toString()).isEqualTo("{\"snapshot\":\"requested\"}");
            assertThat(db.rows("SELECT count(*) FROM duckdb_tables()")).containsExactly(java.util.List.of("0"));
        }
    }
}
