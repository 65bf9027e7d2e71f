package io.teatree.functions.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.PayloadFormat;
import io.teatree.functions.payload.MalformedPayloadException.Kind;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checks the API runs on a rows body as it streams to S3: valid payloads of every format pass whatever the
 * chunking, and truncations, lying lengths, wrong encodings, over-long lines, deep nesting and random bytes are
 * refused with a kind (which picks 400/413/415) and a byte offset, never with anything else.
 */
class PayloadChecksTest {

    private static final PayloadLimits LIMITS = PayloadLimits.DEFAULT;
    private static final PayloadLimits SMALL = new PayloadLimits(1 << 20, 16, 8);

    @ParameterizedTest
    @EnumSource(PayloadFormat.class)
    void validPayloadsPassWhateverTheChunking(PayloadFormat format) {
        byte[] valid = Samples.valid(format);
        for (int chunk : new int[] {1, 3, 7, 64, valid.length}) {
            for (boolean sizeKnown : new boolean[] {true, false}) {
                assertThatCode(() -> Samples.check(format, LIMITS, valid, chunk, sizeKnown))
                        .as("%s in chunks of %d", format, chunk).doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PayloadFormat.class)
    void randomBytesAreRefusedOrPassButNothingElseEscapes(PayloadFormat format) {
        Random random = new Random(format.ordinal());
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            try {
                Samples.check(format, SMALL, bytes, 1 + random.nextInt(50), random.nextBoolean());
            } catch (MalformedPayloadException e) {
                assertThat(e.getMessage()).isNotBlank();
                assertThat(e.offset()).isBetween(0L, (long) bytes.length);
                refused++;
            }
        }
        assertThat(refused).as("random bytes are almost never a valid %s payload", format).isGreaterThan(2900);
    }

    @Test
    void everyTruncationOfAnArrowStreamEndsAtAMessageBoundaryOrIsRefused() throws Exception {
        byte[] valid = Samples.arrow(false);
        int passed = 0;
        for (int n = 0; n < valid.length; n++) {
            byte[] cut = Arrays.copyOf(valid, n);
            try {
                Samples.check(PayloadFormat.ARROW, LIMITS, cut, 16, false);
                passed++; // a stream cut after a whole message is a shorter valid stream
            } catch (MalformedPayloadException e) {
                assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                assertThat(e.getMessage()).contains("byte offset");
            }
        }
        assertThat(passed).as("only the cuts after the schema and after each of the two batches").isEqualTo(3);
    }

    @Test
    void anArrowMetadataLengthPastTheEndIsRefusedAtOffsetZero() {
        byte[] lying = Samples.arrow(false);
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x5FFFFFF0); // the first message's metadata length
        assertThatThrownBy(() -> Samples.check(PayloadFormat.ARROW, LIMITS, lying, 1 << 16, true))
                .isInstanceOfSatisfying(MalformedPayloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                    assertThat(e.offset()).isZero();
                    assertThat(e.getMessage()).contains("byte offset 0", "1610612720 bytes of metadata");
                });
    }

    @Test
    void theSevenByteBodyThatOnceTookAManagerDownIsRefused() {
        byte[] seven = "garbage".getBytes(StandardCharsets.US_ASCII); // "garb" read as a length: 1.5 GiB
        for (boolean sizeKnown : new boolean[] {true, false}) {
            assertThatThrownBy(() -> Samples.check(PayloadFormat.ARROW, LIMITS, seven, 7, sizeKnown))
                    .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("byte offset 0 a message declares 1651663207 bytes");
        }
    }

    @Test
    void withTheSizeKnownALyingBodyIsRefusedBeforeTheBodyArrives() {
        byte[] valid = Samples.arrow(false);
        int schemaEnd = messageEnd(valid, 0);
        int batchMetadataEnd = metadataEnd(valid, schemaEnd);
        byte[] cut = Arrays.copyOf(valid, batchMetadataEnd + 1); // the batch's body declared, one byte of it sent
        PayloadCheck check = PayloadChecks.forFormat(PayloadFormat.ARROW, LIMITS, cut.length);
        assertThatThrownBy(() -> check.accept(cut, 0, batchMetadataEnd))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("byte offset " + schemaEnd).hasMessageContaining("bytes remain");
    }

    @Test
    void bytesAfterTheEndOfStreamMarkerAreRefused() {
        byte[] valid = Samples.arrow(false);
        byte[] trailing = Arrays.copyOf(valid, valid.length + 3);
        assertThatThrownBy(() -> Samples.check(PayloadFormat.ARROW, LIMITS, trailing, 64, true))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("follow the end-of-stream marker");
    }

    @Test
    void theArrowFileFormatIsUnsupportedWithAHint() {
        assertThatThrownBy(() -> Samples.check(PayloadFormat.ARROW, LIMITS, Samples.arrow(true), 5, true))
                .isInstanceOfSatisfying(MalformedPayloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("application/vnd.apache.arrow.stream");
                });
    }

    @Test
    void parquetNeedsItsMagicAtBothEndsAndAFooterThatFits() {
        byte[] valid = Samples.valid(PayloadFormat.PARQUET);
        assertRefused(PayloadFormat.PARQUET, Arrays.copyOf(valid, valid.length - 1), "must end with PAR1");
        assertRefused(PayloadFormat.PARQUET, Arrays.copyOfRange(valid, 1, valid.length), "must start with PAR1");
        assertRefused(PayloadFormat.PARQUET, "PAR1PAR1".getBytes(StandardCharsets.US_ASCII), "truncated");
        byte[] lyingFooter = valid.clone();
        ByteBuffer.wrap(lyingFooter).order(ByteOrder.LITTLE_ENDIAN).putInt(valid.length - 8, 1 << 30);
        assertRefused(PayloadFormat.PARQUET, lyingFooter, "footer declares 1073741824 bytes");
    }

    @Test
    void csvMustBeUtf8WithoutNulAndLinesUnderTheCap() {
        assertRefused(PayloadFormat.CSV, "id\n1\n\u00e9".getBytes(StandardCharsets.ISO_8859_1), "line 3 (at byte offset 5) is not UTF-8");
        assertRefused(PayloadFormat.CSV, "id\n1\u0000\n".getBytes(StandardCharsets.UTF_8), "NUL byte at byte offset 4");
        assertRefused(PayloadFormat.CSV, new byte[0], "empty");
        assertThatThrownBy(() -> Samples.check(PayloadFormat.CSV, SMALL, "id\n12345678901234567890\n".getBytes(StandardCharsets.UTF_8), 4, true))
                .isInstanceOfSatisfying(MalformedPayloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
                    assertThat(e.getMessage()).contains("line 2 (at byte offset 3) is longer than 16 bytes");
                });
    }

    @Test
    void ndjsonIsOneObjectPerLineNestedUnderTheCap() {
        assertRefused(PayloadFormat.NDJSON, "{\"a\":1}\n[1]\n".getBytes(StandardCharsets.UTF_8), "line 2 (at byte offset 8) is not a JSON object");
        assertRefused(PayloadFormat.NDJSON, "{\"a\":1} {\"b\":2}".getBytes(StandardCharsets.UTF_8), "more than one JSON value");
        assertRefused(PayloadFormat.NDJSON, "{\"a\":tru}".getBytes(StandardCharsets.UTF_8), "line 1 (at byte offset 0) is not valid JSON");
        assertRefused(PayloadFormat.NDJSON, "\n \n".getBytes(StandardCharsets.UTF_8), "holds no object");
        assertRefused(PayloadFormat.NDJSON, ("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}").getBytes(StandardCharsets.UTF_8),
                "nesting depth");
    }

    @Test
    void jsonIsOneArrayOfObjectsNestedUnderTheCap() {
        assertRefused(PayloadFormat.JSON, "[{}, 1]".getBytes(StandardCharsets.UTF_8), "not an object");
        assertRefused(PayloadFormat.JSON, "[[{}]]".getBytes(StandardCharsets.UTF_8), "not an object");
        assertRefused(PayloadFormat.JSON, "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "must be an array of objects");
        assertRefused(PayloadFormat.JSON, "[{}] []".getBytes(StandardCharsets.UTF_8), "follows the JSON array");
        assertRefused(PayloadFormat.JSON, "[{\"a\":1},".getBytes(StandardCharsets.UTF_8), "truncated");
        assertRefused(PayloadFormat.JSON, "".getBytes(StandardCharsets.UTF_8), "empty");
        assertRefused(PayloadFormat.JSON, ("[{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}]").getBytes(StandardCharsets.UTF_8),
                "nesting depth");
    }

    @Test
    void aMissingMemberIsRefusedWhereverAChunkEnds() {
        // found by fuzzing: Jackson's non-blocking parser passed these when a chunk ended after the ',' or ':'
        for (String text : new String[] {"[{\"a\":}]", "[{\"a\": \n}]", "[{\"a\":1,}]", "[{\"a\":{\"b\":1,\t}}]"}) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int split = 1; split < bytes.length; split++) {
                PayloadCheck check = PayloadChecks.forFormat(PayloadFormat.JSON, LIMITS, -1);
                int at = split;
                assertThatThrownBy(() -> {
                    check.accept(bytes, 0, at);
                    check.accept(bytes, at, bytes.length - at);
                    check.finish();
                }).as("%s split at %d", text, split).isInstanceOf(MalformedPayloadException.class);
            }
        }
        byte[] separatorsInStrings = "[{\"a\":\",\"}, {\"b:\":\":\", \"c\":[1, {}]}]".getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk < separatorsInStrings.length; chunk++) {
            int size = chunk;
            assertThatCode(() -> Samples.check(PayloadFormat.JSON, LIMITS, separatorsInStrings, size, false)).doesNotThrowAnyException();
        }
    }

    @Test
    void theCheckingStreamFailsTheReadThatCompletesABadPayload() {
        byte[] truncated = "[{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        CheckingInputStream in = new CheckingInputStream(new ByteArrayInputStream(truncated),
                PayloadChecks.forFormat(PayloadFormat.JSON, LIMITS, truncated.length));
        assertThatThrownBy(in::readAllBytes).isInstanceOf(MalformedPayloadException.class).hasMessageContaining("truncated");
    }

    private static void assertRefused(PayloadFormat format, byte[] bytes, String detail) {
        for (int chunk : new int[] {1, Math.max(1, bytes.length)}) {
            assertThatThrownBy(() -> Samples.check(format, LIMITS, bytes, chunk, true))
                    .as("%s in chunks of %d", format, chunk)
                    .isInstanceOfSatisfying(MalformedPayloadException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                        assertThat(e.getMessage()).contains(detail);
                    });
        }
    }

    /** The offset just past the Arrow message (with continuation marker) that starts at {@code at}. */
    private static int messageEnd(byte[] stream, int at) {
        int metadataEnd = metadataEnd(stream, at);
        long body = org.apache.arrow.flatbuf.Message.getRootAsMessage(
                ByteBuffer.wrap(stream, at + 8, metadataEnd - at - 8).slice().order(ByteOrder.LITTLE_ENDIAN)).bodyLength();
        return (int) (metadataEnd + body);
    }

    private static int metadataEnd(byte[] stream, int at) {
        return at + 8 + ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN).getInt(at + 4);
    }
}
