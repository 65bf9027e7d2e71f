package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableName;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.Json;
import io.teatree.protocol.ProblemType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/** {@code create_table {table, columns:{name:type}, primaryKey?, ifNotExists?}}: creates a table. */
public final class CreateTableFunction extends BuiltinFunction<CreateTableFunction.Args> {

    /**
     * @param columns     column name to normalised DuckDB type, in the order given
     * @param primaryKey  key columns, possibly empty
     * @param ifNotExists succeed without change when the table exists
     */
    public record Args(TableName table, SequencedMap<String, String> columns, List<String> primaryKey, boolean ifNotExists) {
    }

    public CreateTableFunction() {
        super("create_table", "table", "columns", "primaryKey", "ifNotExists");
    }

    @Override
    Args parse(JsonNode args) {
        TableName table = ArgReader.table(args, "table");
        JsonNode columns = args.get("columns");
        if (columns == null || !columns.isObject() || columns.isEmpty()) {
            throw new InvalidFieldException("columns", "'columns' must be a non-empty object of name: type");
        }
        SequencedMap<String, String> parsed = new LinkedHashMap<>();
        Map<String, String> lower = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = columns.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "columns." + e.getKey();
            Identifiers.require(e.getKey(), field);
            if (lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getKey()) != null) {
                throw new InvalidFieldException(field, "column '" + e.getKey() + "' is given twice");
            }
            if (!e.getValue().isTextual()) {
                throw new InvalidFieldException(field, field + " must be a type name such as BIGINT or DECIMAL(10,2)");
            }
            parsed.put(e.getKey(), ColumnTypes.normalize(e.getValue().textValue(), field));
        }
        List<String> key = ArgReader.identifiers(args, "primaryKey", false);
        for (int i = 0; i < key.size(); i++) {
            if (!lower.containsKey(key.get(i).toLowerCase(Locale.ROOT))) {
                throw new InvalidFieldException("primaryKey[" + i + "]", "primary key column '" + key.get(i) + "' is not among the columns");
            }
        }
        return new Args(table, parsed, key, ArgReader.bool(args, "ifNotExists", false));
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) throws FunctionException {
        try {
            if (TableSchema.find(context.connection(), args.table()).isPresent()) {
                if (args.ifNotExists()) {
                    return Json.MAPPER.createObjectNode().put("table", args.table().toString()).put("created", false);
                }
                throw new FunctionException(ProblemType.TABLE_EXISTS, "table '" + args.table() + "' already exists", "table");
            }
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, "table");
        }
        List<String> parts = new ArrayList<>();
        args.columns().forEach((name, type) -> parts.add(Identifiers.quote(name) + " " + type));
        if (!args.primaryKey().isEmpty()) {
            parts.add("PRIMARY KEY (" + String.join(", ", args.primaryKey().stream().map(Identifiers::quote).toList()) + ")");
        }
        ModelSql.update(context.connection(), "CREATE TABLE " + args.table().sql() + " (" + String.join(", ", parts) + ")", "table");
        return Json.MAPPER.createObjectNode().put("table", args.table().toString()).put("created", true);
    }
}
