package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.sandbox.SqlToken;
import io.teatree.functions.sandbox.SqlTokenizer;
import io.teatree.functions.table.Identifiers;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The scalar parameters of a pipeline as SQL literals, and their substitution into stage SQL. Only
 * {@code ${name}} placeholders outside string literals and quoted identifiers are replaced; numbers become
 * numeric literals, strings single-quoted literals with quotes doubled, booleans TRUE/FALSE, null NULL.
 */
final class PipelineParams {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");

    private PipelineParams() {
    }

    /** Reads {@code params} into name → SQL literal. */
    static Map<String, String> parse(JsonNode params) {
        Map<String, String> literals = new LinkedHashMap<>();
        if (params == null || params.isNull()) {
            return literals;
        }
        if (!params.isObject()) {
            throw new InvalidFieldException("params", "'params' must be an object of name: value");
        }
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "params." + e.getKey();
            if (!NAME.matcher(e.getKey()).matches()) {
                throw new InvalidFieldException(field, "parameter names are letters, digits and '_'");
            }
            literals.put(e.getKey(), literal(e.getValue(), field));
        }
        return literals;
    }

    /** {@code sql} with each placeholder replaced by its literal; an unknown name fails naming {@code field}. */
    static String substitute(String sql, Map<String, String> literals, String field) {
        List<SqlToken> tokens = SqlTokenizer.tokenize(sql, field);
        StringBuilder out = new StringBuilder(sql);
        for (int i = tokens.size() - 1; i >= 0; i--) {
            SqlToken token = tokens.get(i);
            if (token.kind() == SqlToken.Kind.PLACEHOLDER) {
                String name = token.text().substring(2, token.text().length() - 1).trim();
                String literal = literals.get(name);
                if (literal == null) {
                    throw new InvalidFieldException(field, "unknown parameter ${" + name + "}; give it in 'params'");
                }
                out.replace(token.offset(), token.offset() + token.text().length(), literal);
            }
        }
        return out.toString();
    }

    private static String literal(JsonNode value, String field) {
        if (value.isNull()) {
            return "NULL";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "TRUE" : "FALSE";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            BigDecimal d = value.isBigDecimal() ? value.decimalValue() : BigDecimal.valueOf(value.doubleValue());
            return d.toPlainString();
        }
        if (value.isTextual()) {
            return Identifiers.literal(value.textValue());
        }
        throw new InvalidFieldException(field, field + " must be a number, string, boolean or null");
    }
}
