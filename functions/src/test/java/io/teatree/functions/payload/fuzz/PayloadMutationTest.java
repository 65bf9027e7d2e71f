package io.teatree.functions.payload.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.functions.PayloadFormat;
import io.teatree.functions.payload.Samples;
import io.teatree.functions.testing.ModelDb;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The short fuzzing budget of every {@code mvn verify}: a fixed number of seeded mutations of each format's valid
 * sample through the API's check ({@link CheckOracle}) and through the db-manager's load ({@link LoadOracle}).
 * Deterministic, so a failure replays; a failing input is printed in hex, to be committed under the matching
 * {@code *FuzzTestInputs/<format>/} directory once fixed.
 */
class PayloadMutationTest {

    private static final int CHECKS = 20_000;
    private static final int LOADS = 500;

    @TempDir
    Path dir;

    @RegisterExtension
    final ModelDb db = ModelDb.with(LoadOracle.TABLE);

    @ParameterizedTest
    @EnumSource(PayloadFormat.class)
    void mutatedPayloadsPassTheCheckOrAreRefusedWithAnOffset(PayloadFormat format) {
        byte[] valid = Samples.valid(format);
        assertThat(CheckOracle.verdict(format, valid)).as("the valid %s sample passes", format).isTrue();
        PayloadMutator mutator = new PayloadMutator(format.ordinal(), donors());
        int refused = 0;
        for (int i = 0; i < CHECKS; i++) {
            byte[] bytes = mutator.mutate(valid);
            refused += replayable(bytes, () -> CheckOracle.verdict(format, bytes)) ? 0 : 1;
        }
        assertThat(refused).as("mutations of a %s payload that the check refuses", format).isPositive();
    }

    @ParameterizedTest
    @EnumSource(PayloadFormat.class)
    void mutatedPayloadsLoadOrFailTheirIntentAsBadPayloads(PayloadFormat format) throws Exception {
        LoadOracle oracle = new LoadOracle(dir);
        byte[] valid = LoadOracle.loadable(format);
        assertThat(oracle.load(db, format, valid)).as("the valid %s sample loads", format).isTrue();
        PayloadMutator mutator = new PayloadMutator(100 + format.ordinal(), donors());
        for (int i = 0; i < LOADS; i++) {
            byte[] bytes = mutator.mutate(valid);
            replayable(bytes, () -> oracle.load(db, format, bytes));
        }
        System.out.println(LoadOracle.summary());
    }

    private interface Run {
        boolean run() throws Exception;
    }

    /** Runs one input, naming it in hex when it is a finding so it can be replayed and committed. */
    private static boolean replayable(byte[] bytes, Run run) {
        try {
            return run.run();
        } catch (Exception | Error e) {
            throw new AssertionError("finding on input " + HexFormat.of().formatHex(Arrays.copyOf(bytes, Math.min(bytes.length, 4096)))
                    + (bytes.length > 4096 ? "... (" + bytes.length + " bytes)" : ""), e);
        }
    }

    private static byte[][] donors() {
        return Arrays.stream(PayloadFormat.values()).map(Samples::valid).toArray(byte[][]::new);
    }
}
