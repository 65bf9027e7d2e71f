package io.teatree.functions.payload.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.teatree.functions.PayloadFormat;

/**
 * Coverage-guided fuzz targets for the API's streaming payload checks, one per format (Jazzer fuzzes one target
 * per JVM). Without {@code JAZZER_FUZZ} they replay their seeds and committed findings under
 * {@code PayloadCheckFuzzTestInputs/<method>/} as plain tests; with it (the {@code fuzz} profile) Jazzer mutates
 * from there. The property is {@link CheckOracle#verdict}.
 */
class PayloadCheckFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void csv(byte[] bytes) {
        CheckOracle.verdict(PayloadFormat.CSV, bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void ndjson(byte[] bytes) {
        CheckOracle.verdict(PayloadFormat.NDJSON, bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void json(byte[] bytes) {
        CheckOracle.verdict(PayloadFormat.JSON, bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void arrow(byte[] bytes) {
        CheckOracle.verdict(PayloadFormat.ARROW, bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void parquet(byte[] bytes) {
        CheckOracle.verdict(PayloadFormat.PARQUET, bytes);
    }
}
