package io.teatree.api.versions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.teatree.protocol.Manifest;
import java.util.List;

/**
 * The tables of a model's newest published version; {@code version} is absent and {@code tables} empty while
 * nothing is published.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TablesView(Long version, List<TableView> tables) {

    /** One table: name, row count, columns with their DuckDB types. */
    public record TableView(String name, long rows, List<Manifest.Column> columns) {
    }

    public static TablesView of(Manifest manifest) {
        return new TablesView(manifest.version(),
                manifest.tables().stream().map(t -> new TableView(t.name(), t.rows(), t.columns())).toList());
    }
}
