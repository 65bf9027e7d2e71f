package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.testing.ModelDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CreateTableFunctionTest {

    private final CreateTableFunction create = new CreateTableFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with();

    @Test
    void createsATableWithTypesAndAPrimaryKey() throws Exception {
        var result = db.apply(create, """
                {"table": "sales", "columns": {"id": "bigint", "site": "VARCHAR", "amount": "decimal(10, 2)",
                 "at": "timestamp with time zone", "ok": "BOOLEAN"}, "primaryKey": ["id"]}""");

        assertThat(result.get("created").asBoolean()).isTrue();
        assertThat(db.rows("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'sales' ORDER BY column_index"))
                .containsExactly(List.of("id", "BIGINT"), List.of("site", "VARCHAR"), List.of("amount", "DECIMAL(10,2)"),
                        List.of("at", "TIMESTAMP WITH TIME ZONE"), List.of("ok", "BOOLEAN"));
        assertThat(db.rows("SELECT constraint_column_names::VARCHAR FROM duckdb_constraints() WHERE table_name = 'sales'"
                + " AND constraint_type = 'PRIMARY KEY'")).containsExactly(List.of("[id]"));
    }

    @Test
    void anExistingTableFailsUnlessIfNotExists() throws Exception {
        db.setup("CREATE TABLE sales (id INTEGER)");

        assertThatThrownBy(() -> db.apply(create, "{\"table\": \"sales\", \"columns\": {\"id\": \"INTEGER\"}}"))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.field()).isEqualTo("table");
                    assertThat(e.type().slug()).isEqualTo("table-exists");
                });
        var result = db.apply(create, "{\"table\": \"SALES\", \"columns\": {\"id\": \"INTEGER\"}, \"ifNotExists\": true}");
        assertThat(result.get("created").asBoolean()).isFalse();
    }

    @Test
    void badTypesNamesAndKeysNameTheirField() {
        assertThatThrownBy(() -> create.parseArgs(ModelDb.json("{\"table\": \"t\", \"columns\": {\"price\": \"MONEY\"}}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("columns.price");
                    assertThat(e.getMessage()).contains("unsupported column type 'MONEY'", "DECIMAL(p,s)");
                });
        assertThatThrownBy(() -> create.parseArgs(ModelDb.json("{\"table\": \"t\", \"columns\": {\"p\": \"DECIMAL(40,2)\"}}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("columns.p"));
        assertThatThrownBy(() -> create.parseArgs(ModelDb.json("{\"table\": \"t\", \"columns\": {\"a b\": \"INTEGER\"}}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("columns.a b"));
        assertThatThrownBy(() -> create.parseArgs(ModelDb.json("{\"table\": \"t\", \"columns\": {\"a\": \"INTEGER\"}, \"primaryKey\": [\"b\"]}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("primaryKey[0]"));
        assertThatThrownBy(() -> create.parseArgs(ModelDb.json("{\"table\": \"_teatree.applied\", \"columns\": {\"a\": \"INTEGER\"}}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("table"));
        assertThatThrownBy(() -> create.parseArgs(ModelDb.json("{\"table\": \"t\", \"columns\": {}}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("columns"));
    }

    @Test
    void anUnknownArgumentIsRefusedNamingItAndTheSpellingMeant() {
        assertThatThrownBy(() -> new CreateTableFunction().parseArgs(ModelDb.json(
                        "{\"table\": \"t\", \"columns\": {\"id\": \"BIGINT\"}, \"primary_key\": [\"id\"]}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("primary_key");
                    assertThat(e.getMessage()).contains("did you mean 'primaryKey'?");
                });
        assertThatThrownBy(() -> new SnapshotFunction().parseArgs(ModelDb.json("{\"now\": true}")))
                .hasMessageContaining("takes no arguments");
    }
}
