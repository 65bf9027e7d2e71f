package io.teatree.api.fuzz;

import java.util.List;
import java.util.Map;

/**
 * What the fuzzer knows of the live system, made by the test's setup: keys of each role, real ids (models, tables,
 * versions, intents, keys that may be revoked) and a valid sample body for each rows media type.
 */
public record FuzzContext(String adminKey, String writerKey, String readerKey, String otherModelKey, List<String> models,
                          String otherModel, List<String> tables, List<String> versions, List<String> intentIds,
                          List<String> revocableKeyIds, List<String> functions, Map<String, byte[]> rowsSamples) {

    public FuzzContext {
        models = List.copyOf(models);
        tables = List.copyOf(tables);
        versions = List.copyOf(versions);
        intentIds = List.copyOf(intentIds);
        revocableKeyIds = List.copyOf(revocableKeyIds);
        functions = List.copyOf(functions);
        rowsSamples = Map.copyOf(rowsSamples);
    }
}
