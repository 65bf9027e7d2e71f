package io.teatree.functions.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/** An NDJSON payload: each non-blank line one JSON object, nested no deeper than the cap. */
final class NdjsonLines extends LineCheck {

    private final JsonFactory json;
    private long objects;

    NdjsonLines(int maxLineBytes, int maxDepth) {
        super(maxLineBytes);
        this.json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build()).build();
    }

    @Override
    void line(byte[] bytes, int length, long number, long start) throws MalformedPayloadException {
        if (blank(bytes, length)) {
            return;
        }
        try (JsonParser parser = json.createParser(bytes, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad(number, start, "is not a JSON object");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw bad(number, start, "holds more than one JSON value; send one object per line");
            }
            objects++;
        } catch (IOException e) {
            if (e instanceof MalformedPayloadException m) {
                throw m;
            }
            throw bad(number, start, "is not valid JSON: " + JsonArrayCheck.reason(e));
        }
    }

    @Override
    void end(long lines, long size) throws MalformedPayloadException {
        if (objects == 0) {
            throw new MalformedPayloadException(MalformedPayloadException.Kind.MALFORMED, 0, "the NDJSON payload holds no object");
        }
    }

    private static boolean blank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
