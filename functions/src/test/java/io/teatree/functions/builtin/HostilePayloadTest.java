package io.teatree.functions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.payload.Samples;
import io.teatree.functions.testing.ModelDb;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Payloads that lie: an Arrow IPC stream whose length prefixes claim more than the file holds, every truncation
 * and many byte mutations of a valid stream, and random bytes in every format. Each either loads (a mutation
 * that kept the stream valid) or fails as a {@link FunctionException} with a reason; nothing else escapes, and
 * nothing allocates on a lying length.
 */
class HostilePayloadTest {

    @TempDir
    Path dir;
    private final AppendFunction append = new AppendFunction();

    @RegisterExtension
    final ModelDb db = ModelDb.with("CREATE TABLE t (id BIGINT, name VARCHAR)");

    @Test
    void aLengthPrefixLargerThanTheBodyIsRefusedNamingTheOffset() throws Exception {
        // the review's 7-byte body: continuation marker, then a metadata length of 1.5 GiB
        byte[] body = ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFFFFFFFF).put(new byte[] {0, 0, 0x60}).array();
        assertBadPayload(body, "byte offset");
        byte[] legacy = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x60000000).putInt(0).array();
        assertBadPayload(legacy, "byte offset 0");
        byte[] valid = Samples.arrow(false);
        int schemaLength = ByteBuffer.wrap(valid, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] lyingBody = valid.clone();
        // the first batch's metadata says its body is huge: Arrow would allocate it
        int batchAt = 8 + schemaLength;
        ByteBuffer.wrap(lyingBody, batchAt + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE);
        assertBadPayload(lyingBody, "byte offset " + batchAt);
    }

    @Test
    void theArrowFileFormatIsRefusedWithAHint() throws Exception {
        byte[] file = ("ARROW1\0\0" + "x".repeat(20)).getBytes(StandardCharsets.US_ASCII);
        assertBadPayload(file, "stream format");
    }

    @Test
    void everyTruncationOfAValidStreamFailsWithAReasonOrLoadsAPrefix() throws Exception {
        byte[] valid = Samples.arrow(false);
        int failed = 0;
        for (int end = 0; end < valid.length; end++) {
            failed += outcome(Arrays.copyOf(valid, end), PayloadFormat.ARROW) ? 0 : 1;
        }
        assertThat(failed).as("most truncations cut a message").isGreaterThan(valid.length / 2);
    }

    @Test
    void byteMutationsOfAValidStreamNeverEscapeAsAnythingButABadPayload() throws Exception {
        byte[] valid = Samples.arrow(false);
        for (int at = 0; at < valid.length; at++) {
            for (byte value : new byte[] {(byte) 0xFF, 0x7F, 0x00, (byte) (valid[at] ^ 0x01)}) {
                byte[] mutated = valid.clone();
                mutated[at] = value;
                outcome(mutated, PayloadFormat.ARROW);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PayloadFormat.class)
    void randomBytesInEveryFormatFailWithAReason(PayloadFormat format) throws Exception {
        Random random = new Random(format.ordinal());
        for (int i = 0; i < 40; i++) {
            byte[] garbage = new byte[random.nextInt(1, 4096)];
            random.nextBytes(garbage);
            outcome(garbage, format);
        }
    }

    /** True when the payload loaded; false when it failed with a reason. Anything else fails the test. */
    private boolean outcome(byte[] bytes, PayloadFormat format) throws Exception {
        Path file = Files.write(dir.resolve("p." + format.wireName()), bytes);
        try {
            db.apply(append, "{\"table\": \"t\"}", new Payload(format, file));
            return true;
        } catch (FunctionException e) {
            assertThat(e.getSuppressed()).as("no Arrow memory left behind by %s: %s", e.detail(), Arrays.toString(e.getSuppressed())).isEmpty();
            assertThat(e.detail()).as("a reason for %s", Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 16)))).isNotBlank();
            assertThat(e.field()).startsWith("payload");
            return false;
        }
    }

    private void assertBadPayload(byte[] bytes, String detail) throws Exception {
        Path file = Files.write(dir.resolve("bad.arrows"), bytes);
        assertThatThrownBy(() -> db.apply(append, "{\"table\": \"t\"}", new Payload(PayloadFormat.ARROW, file)))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.type().slug()).isEqualTo("bad-payload");
                    assertThat(e.field()).isEqualTo("payload");
                    assertThat(e.detail()).contains(detail);
                });
        assertThat(db.count("t")).isZero();
    }
}
