package io.teatree.api.rows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.PayloadFormat;
import io.teatree.protocol.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A bulk rows request: {@code POST /v1/models/{m}/tables/{t}/rows?mode=&key=}. Validated on construction.
 *
 * @param table  the target table
 * @param mode   {@code append}, {@code upsert} or {@code replace}; the function the intent names
 * @param key    key columns (required for upsert)
 * @param format the payload format, from the Content-Type
 */
public record RowsRequest(String table, String mode, List<String> key, PayloadFormat format) {

    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");
    private static final List<String> MODES = List.of("append", "upsert", "replace");

    public RowsRequest {
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new InvalidFieldException("table", "table must be an identifier matching " + IDENTIFIER.pattern());
        }
        mode = mode == null || mode.isBlank() ? "append" : mode.toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new InvalidFieldException("mode", "mode must be one of " + String.join(", ", MODES));
        }
        key = key == null ? List.of() : List.copyOf(key);
        for (String column : key) {
            if (!IDENTIFIER.matcher(column).matches()) {
                throw new InvalidFieldException("key", "key column '" + column + "' is not an identifier");
            }
        }
        if (mode.equals("upsert") && key.isEmpty()) {
            throw new InvalidFieldException("key", "upsert needs key columns: ?key=a,b");
        }
    }

    /** Parses the query parameters and the Content-Type's media type (without parameters). */
    public static RowsRequest of(String table, String mode, String key, String mediaType) {
        List<String> keys = key == null || key.isBlank() ? List.of()
                : Arrays.stream(key.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        PayloadFormat format = PayloadFormat.forMediaType(mediaType).orElseThrow(() -> new InvalidFieldException("Content-Type",
                "Content-Type must be one of " + Arrays.stream(PayloadFormat.values()).map(PayloadFormat::mediaType)
                        .collect(Collectors.joining(", "))));
        return new RowsRequest(table, mode, keys, format);
    }

    /** The intent's args: {@code {table, key?}}; the rows come by reference. */
    public ObjectNode args() {
        ObjectNode args = Json.MAPPER.createObjectNode();
        args.put("table", table);
        if (!key.isEmpty()) {
            key.forEach(args.putArray("key")::add);
        }
        return args;
    }
}
