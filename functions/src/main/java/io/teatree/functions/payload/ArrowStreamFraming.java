package io.teatree.functions.payload;

import io.teatree.functions.payload.MalformedPayloadException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Walks the framing of an Arrow IPC stream as it streams past. Arrow Java allocates what a message's length
 * prefix says (a 7-byte body once read as 1.5 GiB and took a manager down), so every declared length is checked
 * before anything trusts it: a metadata length must be under {@link PayloadLimits#MAX_ARROW_METADATA}, the payload
 * cap and (when the total size is known) what is left; a message must be a flatbuffer Arrow can read, starting
 * with a schema; a body must fit likewise; each record batch's buffers must lie inside its body with sane lengths
 * and null counts; nothing may follow the end-of-stream marker, and the stream may not stop inside a message.
 * Bodies are skipped, never held. Errors name the byte offset.
 */
final class ArrowStreamFraming implements PayloadCheck {

    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    private enum State { PREFIX, LENGTH, METADATA, BODY, END }

    private final long size;
    private final long cap;
    private final byte[] word = new byte[4];
    private final byte[] head = new byte[FILE_MAGIC.length];
    private State state = State.PREFIX;
    private int headFill;
    private int wordFill;
    private byte[] metadata;
    private int metadataFill;
    private long bodyLeft;
    private long messageAt;
    private long offset;
    private boolean schema;

    /**
     * @param size the payload's total size when known (e.g. from Content-Length or the file), otherwise -1
     * @param cap  the largest payload accepted
     */
    ArrowStreamFraming(long size, long cap) {
        this.size = size;
        this.cap = cap;
    }

    @Override
    public void accept(byte[] bytes, int from, int length) throws MalformedPayloadException {
        int used = 0;
        if (headFill < head.length) {
            used = Math.min(length, head.length - headFill);
            System.arraycopy(bytes, from, head, headFill, used);
            headFill += used;
            if (headFill < head.length) {
                return;
            }
            if (Arrays.equals(head, FILE_MAGIC)) {
                throw new MalformedPayloadException(Kind.UNSUPPORTED, 0,
                        "this is the Arrow IPC file format; send the stream format (application/vnd.apache.arrow.stream)");
            }
            process(head, 0, head.length);
        }
        process(bytes, from + used, length - used);
    }

    private void process(byte[] bytes, int from, int length) throws MalformedPayloadException {
        int i = from;
        int end = from + length;
        while (i < end) {
            i += switch (state) {
                case PREFIX, LENGTH -> word(bytes[i]);
                case METADATA -> metadata(bytes, i, end - i);
                case BODY -> body(end - i);
                case END -> throw bad(offset, "bytes follow the end-of-stream marker");
            };
        }
    }

    @Override
    public void finish() throws MalformedPayloadException {
        if (headFill < head.length) {
            process(head, 0, headFill);
        }
        switch (state) {
            case PREFIX -> {
                if (wordFill != 0) {
                    throw bad(offset, "the stream is truncated inside a message length");
                }
            }
            case LENGTH -> throw bad(offset, "the stream is truncated inside a message length");
            case METADATA -> throw bad(offset, "the stream is truncated: the message at byte offset " + messageAt + " declares "
                    + metadata.length + " bytes of metadata but " + metadataFill + " follow");
            case BODY -> throw bad(offset, "the stream is truncated: the message at byte offset " + messageAt + " lacks "
                    + bodyLeft + " bytes of its body");
            case END -> { }
        }
        if (!schema) {
            throw bad(offset, "the stream holds no schema message (" + offset + " bytes)");
        }
    }

    /** Takes one byte of a 4-byte little-endian word (the continuation marker or a metadata length). */
    private int word(byte b) throws MalformedPayloadException {
        if (state == State.PREFIX && wordFill == 0) {
            messageAt = offset;
        }
        word[wordFill++] = b;
        offset++;
        if (wordFill == 4) {
            wordFill = 0;
            int value = ByteBuffer.wrap(word).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (state == State.PREFIX && value == CONTINUATION) {
                state = State.LENGTH;
            } else {
                length(value);
            }
        }
        return 1;
    }

    private void length(int length) throws MalformedPayloadException {
        if (length == 0) {
            state = State.END; // the end-of-stream marker
            return;
        }
        long remaining = size < 0 ? Long.MAX_VALUE : size - offset;
        if (length < 0 || length > PayloadLimits.MAX_ARROW_METADATA || length > remaining || length > cap) {
            throw bad(messageAt, "a message declares " + Integer.toUnsignedString(length) + " bytes of metadata but "
                    + (size < 0 ? "at most " + PayloadLimits.MAX_ARROW_METADATA + " are accepted" : remaining + " bytes remain (at most "
                    + PayloadLimits.MAX_ARROW_METADATA + " are accepted)"));
        }
        metadata = new byte[length];
        metadataFill = 0;
        state = State.METADATA;
    }

    private int metadata(byte[] bytes, int from, int available) throws MalformedPayloadException {
        int n = Math.min(available, metadata.length - metadataFill);
        System.arraycopy(bytes, from, metadata, metadataFill, n);
        metadataFill += n;
        offset += n;
        if (metadataFill == metadata.length) {
            Message message = message();
            byte type = header(message);
            if (!schema && type != MessageHeader.Schema) {
                throw bad(messageAt, "the stream must start with a schema message");
            }
            schema |= type == MessageHeader.Schema;
            bodyLeft = body(message, type);
            metadata = null;
            state = bodyLeft == 0 ? State.PREFIX : State.BODY;
        }
        return n;
    }

    private int body(int available) {
        int n = (int) Math.min(available, bodyLeft);
        bodyLeft -= n;
        offset += n;
        if (bodyLeft == 0) {
            state = State.PREFIX;
        }
        return n;
    }

    private Message message() throws MalformedPayloadException {
        try {
            Message message = Message.getRootAsMessage(ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN));
            message.version();
            return message;
        } catch (RuntimeException e) {
            throw notAMessage();
        }
    }

    private byte header(Message message) throws MalformedPayloadException {
        try {
            byte type = message.headerType();
            if (type != MessageHeader.Schema && type != MessageHeader.RecordBatch && type != MessageHeader.DictionaryBatch) {
                throw bad(messageAt, "the message has an unknown header type " + type);
            }
            return type;
        } catch (RuntimeException e) {
            throw notAMessage();
        }
    }

    /** The message's body length, checked against the payload, after checking a batch's header against it. */
    private long body(Message message, byte type) throws MalformedPayloadException {
        try {
            long body = message.bodyLength();
            long remaining = size < 0 ? Long.MAX_VALUE : size - offset;
            if (body < 0 || body > remaining || body > cap) {
                throw bad(messageAt, "a message declares a body of " + body + " bytes but "
                        + (size < 0 ? "at most " + cap + " are accepted" : remaining + " bytes remain"));
            }
            if (type == MessageHeader.RecordBatch) {
                batch((RecordBatch) message.header(new RecordBatch()), body);
            } else if (type == MessageHeader.DictionaryBatch) {
                DictionaryBatch dictionary = (DictionaryBatch) message.header(new DictionaryBatch());
                batch(dictionary == null ? null : dictionary.data(), body);
            }
            return body;
        } catch (RuntimeException e) {
            throw notAMessage();
        }
    }

    private void batch(RecordBatch batch, long body) throws MalformedPayloadException {
        if (batch == null) {
            throw bad(messageAt, "a batch message has no batch header");
        }
        try {
            if (batch.compression() != null) {
                throw bad(messageAt, "a record batch is compressed; send uncompressed Arrow IPC");
            }
            if (batch.length() < 0 || batch.length() > Integer.MAX_VALUE) {
                throw bad(messageAt, "a record batch declares " + batch.length() + " rows");
            }
            Buffer buffer = new Buffer();
            for (int i = 0; i < batch.buffersLength(); i++) {
                batch.buffers(buffer, i);
                if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() > body - buffer.length()) {
                    throw bad(messageAt, "buffer " + i + " of a record batch (offset " + buffer.offset() + ", length "
                            + buffer.length() + ") lies outside its body of " + body + " bytes");
                }
            }
            FieldNode node = new FieldNode();
            for (int i = 0; i < batch.nodesLength(); i++) {
                batch.nodes(node, i);
                if (node.length() < 0 || node.length() > Integer.MAX_VALUE || node.nullCount() < 0 || node.nullCount() > node.length()) {
                    throw bad(messageAt, "column node " + i + " of a record batch declares " + node.length() + " values and "
                            + node.nullCount() + " nulls");
                }
            }
        } catch (RuntimeException e) {
            throw bad(messageAt, "the record batch header is not readable");
        }
    }

    private MalformedPayloadException notAMessage() {
        return bad(messageAt, "the message metadata is not an Arrow message");
    }

    private static MalformedPayloadException bad(long at, String detail) {
        return new MalformedPayloadException(Kind.MALFORMED, at, "at byte offset " + at + " " + detail);
    }
}
