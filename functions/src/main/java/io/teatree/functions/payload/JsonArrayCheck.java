package io.teatree.functions.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.teatree.functions.payload.MalformedPayloadException.Kind;
import java.io.IOException;

/**
 * A JSON payload: one array of objects, nested no deeper than the cap, parsed incrementally (Jackson's
 * non-blocking parser) as it streams past, so no part of it is ever held whole.
 */
final class JsonArrayCheck implements PayloadCheck {

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private boolean started;
    private boolean ended;
    private byte lastSignificant;
    private boolean braceAfterSeparator;

    JsonArrayCheck(int maxDepth) {
        JsonFactory json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build()).build();
        try {
            this.parser = json.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a JSON parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    @Override
    public void accept(byte[] bytes, int from, int length) throws MalformedPayloadException {
        significant(bytes, from, length);
        try {
            feeder.feedInput(bytes, from, from + length);
            drain(); // consumes every byte fed, so the caller may reuse the array
        } catch (IOException e) {
            throw bad(e);
        }
    }

    @Override
    public void finish() throws MalformedPayloadException {
        try {
            feeder.endOfInput();
            drain();
        } catch (MalformedPayloadException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedPayloadException(Kind.MALFORMED, offset(), "the JSON array is truncated at byte offset " + offset());
        }
        if (!ended) {
            throw new MalformedPayloadException(Kind.MALFORMED, offset(), started
                    ? "the JSON array is truncated at byte offset " + offset() : "the JSON payload is empty; send an array of objects");
        }
    }

    /**
     * Notes whether a chunk's first non-blank byte is a closing brace right after a {@code ,} or {@code :} (the last
     * non-blank byte before it): Jackson's non-blocking parser (2.19) takes such a brace as the object's end and so
     * passes {@code {"a":}} and {@code {"a":1,}} when a chunk boundary falls after the separator.
     */
    private void significant(byte[] bytes, int from, int length) {
        int end = from + length;
        int first = from;
        while (first < end && blank(bytes[first])) {
            first++;
        }
        if (first == end) {
            return;
        }
        braceAfterSeparator = bytes[first] == '}' && (lastSignificant == ',' || lastSignificant == ':');
        int last = end - 1;
        while (blank(bytes[last])) {
            last--;
        }
        lastSignificant = bytes[last];
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private void drain() throws IOException {
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.NOT_AVAILABLE; token = parser.nextToken()) {
            if (braceAfterSeparator && token == JsonToken.END_OBJECT) {
                // the chunk's first token is that brace (a string or number open across the boundary comes first otherwise)
                throw new MalformedPayloadException(Kind.MALFORMED, offset(), "at byte offset " + offset()
                        + " the JSON is not valid: an object ends right after a ',' or ':', so a member or value is missing");
            }
            braceAfterSeparator = false;
            if (ended) {
                throw new MalformedPayloadException(Kind.MALFORMED, offset(), "at byte offset " + offset() + " something follows the JSON array");
            }
            JsonStreamContext context = parser.getParsingContext();
            if (!started) {
                if (token != JsonToken.START_ARRAY) {
                    throw new MalformedPayloadException(Kind.MALFORMED, offset(), "the JSON payload must be an array of objects");
                }
                started = true;
            } else if (token == JsonToken.END_ARRAY && context.inRoot()) {
                ended = true;
            } else if (token.isStructStart() ? context.getParent().getNestingDepth() == 1 && token != JsonToken.START_OBJECT
                    : !token.isStructEnd() && context.getNestingDepth() == 1) {
                throw new MalformedPayloadException(Kind.MALFORMED, offset(), "at byte offset " + offset()
                        + " an element of the JSON array is not an object");
            }
        }
    }

    private long offset() {
        return parser.currentTokenLocation().getByteOffset();
    }

    private MalformedPayloadException bad(IOException e) {
        if (e instanceof MalformedPayloadException m) {
            return m;
        }
        long at = e instanceof JsonProcessingException p && p.getLocation() != null ? p.getLocation().getByteOffset() : offset();
        return new MalformedPayloadException(Kind.MALFORMED, at, "at byte offset " + at + " the JSON is not valid: " + reason(e));
    }

    /** Jackson's message without its location and source excerpt, which name internals. */
    static String reason(IOException e) {
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        message = message == null ? e.getClass().getSimpleName() : message;
        for (String noise : new String[] {"\n", " (start marker", " at [Source"}) {
            int cut = message.indexOf(noise);
            message = cut < 0 ? message : message.substring(0, cut);
        }
        return message;
    }
}
