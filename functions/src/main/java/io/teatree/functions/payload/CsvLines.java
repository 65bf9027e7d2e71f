package io.teatree.functions.payload;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A CSV payload: UTF-8 text with bounded lines and a header line; the CSV reader checks the rest. */
final class CsvLines extends LineCheck {

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    CsvLines(int maxLineBytes) {
        super(maxLineBytes);
    }

    @Override
    void line(byte[] bytes, int length, long number, long start) throws MalformedPayloadException {
        try {
            utf8.reset().decode(ByteBuffer.wrap(bytes, 0, length));
        } catch (CharacterCodingException e) {
            throw bad(number, start, "is not UTF-8 text");
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                throw bad(number, start, "holds a NUL byte at byte offset " + (start + i));
            }
        }
    }

    @Override
    void end(long lines, long size) throws MalformedPayloadException {
        if (lines == 0) {
            throw new MalformedPayloadException(MalformedPayloadException.Kind.MALFORMED, 0, "the CSV payload is empty; it needs a header line");
        }
    }
}
