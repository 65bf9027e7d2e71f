package io.teatree.functions.payload.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.testing.ModelDb;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzz targets for the db-manager's payload loading (the bytes as a payload file appended by
 * {@code AppendFunction} to a model table), one per format. Seeds and committed findings live under
 * {@code PayloadLoadFuzzTestInputs/<method>/}. The property is {@link LoadOracle#load}; the database and temp
 * directory last the whole fuzzing run.
 */
class PayloadLoadFuzzTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    final ModelDb db = ModelDb.with(LoadOracle.TABLE);

    @AfterAll
    static void summary() {
        System.out.println(LoadOracle.summary());
    }

    @FuzzTest(maxDuration = "30s")
    void csv(byte[] bytes) throws Exception {
        new LoadOracle(dir).load(db, PayloadFormat.CSV, bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void ndjson(byte[] bytes) throws Exception {
        new LoadOracle(dir).load(db, PayloadFormat.NDJSON, bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void json(byte[] bytes) throws Exception {
        new LoadOracle(dir).load(db, PayloadFormat.JSON, bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void arrow(byte[] bytes) throws Exception {
        new LoadOracle(dir).load(db, PayloadFormat.ARROW, bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void parquet(byte[] bytes) throws Exception {
        new LoadOracle(dir).load(db, PayloadFormat.PARQUET, bytes);
    }
}
