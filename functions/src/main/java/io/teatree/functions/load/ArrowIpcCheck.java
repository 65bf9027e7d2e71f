package io.teatree.functions.load;

import io.teatree.functions.FunctionException;
import io.teatree.protocol.ProblemType;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Walks the framing of an Arrow IPC stream before any reader trusts it. Arrow Java allocates what a message's
 * length prefix says (a 7-byte body once read as 1.5 GiB and took the process down), so every declared length is
 * checked first: a metadata length must fit in what is left of the file and under {@link #MAX_METADATA}, a
 * message must be a flatbuffer Arrow can read, a body length must fit in the file, and each record batch's buffers
 * must lie inside its body with non-negative lengths and null counts. It reads the file once, sequentially,
 * keeping one message's metadata in memory; bodies are skipped. Errors name the byte offset.
 */
final class ArrowIpcCheck {

    /** The largest message metadata accepted (a schema or batch header; real ones are a few KiB). */
    static final int MAX_METADATA = 16 << 20;

    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    private final long size;
    private final DataInputStream in;
    private long offset;

    private ArrowIpcCheck(long size, InputStream in) {
        this.size = size;
        this.in = new DataInputStream(in);
    }

    /** Checks {@code file}; throws {@code bad-payload} naming the byte offset of the first problem. */
    static void check(Path file) throws FunctionException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            new ArrowIpcCheck(Files.size(file), in).walk();
        } catch (IOException e) {
            throw new FunctionException(ProblemType.BAD_PAYLOAD, "the arrow payload cannot be read: " + e.getMessage(), "payload");
        }
    }

    private void walk() throws IOException, FunctionException {
        if (size >= FILE_MAGIC.length) {
            in.mark(FILE_MAGIC.length);
            byte[] head = in.readNBytes(FILE_MAGIC.length);
            if (Arrays.equals(head, FILE_MAGIC)) {
                throw bad("this is the Arrow IPC file format; send the stream format (application/vnd.apache.arrow.stream)");
            }
            in.reset();
        }
        boolean schema = false;
        while (offset < size) {
            long at = offset;
            int length = readInt("a message length");
            if (length == CONTINUATION) {
                length = readInt("a message length");
            }
            if (length == 0) {
                break; // end-of-stream marker
            }
            if (length < 0 || length > size - offset || length > MAX_METADATA) {
                throw bad("at byte offset " + at + " a message declares " + Integer.toUnsignedString(length) + " bytes of metadata but "
                        + (size - offset) + " bytes remain (at most " + MAX_METADATA + " are accepted)");
            }
            byte[] metadata = new byte[length];
            in.readFully(metadata);
            offset += length;
            Message message = message(metadata, at);
            byte type = header(message, at);
            if (!schema && type != MessageHeader.Schema) {
                throw bad("at byte offset " + at + " the stream must start with a schema message");
            }
            schema |= type == MessageHeader.Schema;
            long body = body(message, type, at);
            in.skipNBytes(body);
            offset += body;
        }
        if (!schema) {
            throw bad("the stream holds no schema message (" + size + " bytes)");
        }
    }

    /** The message's body length, checked against the file, after checking a batch's header against it. */
    private long body(Message message, byte type, long at) throws FunctionException {
        try {
            long body = message.bodyLength();
            if (body < 0 || body > size - offset) {
                throw bad("at byte offset " + at + " a message declares a body of " + body + " bytes but " + (size - offset) + " bytes remain");
            }
            if (type == MessageHeader.RecordBatch) {
                batch((RecordBatch) message.header(new RecordBatch()), body, at);
            } else if (type == MessageHeader.DictionaryBatch) {
                DictionaryBatch dictionary = (DictionaryBatch) message.header(new DictionaryBatch());
                batch(dictionary == null ? null : dictionary.data(), body, at);
            }
            return body;
        } catch (RuntimeException e) {
            throw bad("at byte offset " + at + " the message metadata is not an Arrow message");
        }
    }

    private int readInt(String what) throws IOException, FunctionException {
        try {
            int value = Integer.reverseBytes(in.readInt());
            offset += 4;
            return value;
        } catch (EOFException e) {
            throw bad("the stream is truncated at byte offset " + offset + " where " + what + " should be");
        }
    }

    private static Message message(byte[] metadata, long at) throws FunctionException {
        try {
            Message message = Message.getRootAsMessage(ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN));
            message.version();
            return message;
        } catch (RuntimeException e) {
            throw bad("at byte offset " + at + " the message metadata is not an Arrow message");
        }
    }

    private static byte header(Message message, long at) throws FunctionException {
        try {
            byte type = message.headerType();
            if (type != MessageHeader.Schema && type != MessageHeader.RecordBatch && type != MessageHeader.DictionaryBatch) {
                throw bad("at byte offset " + at + " the message has an unknown header type " + type);
            }
            return type;
        } catch (RuntimeException e) {
            throw bad("at byte offset " + at + " the message metadata is not an Arrow message");
        }
    }

    private static void batch(RecordBatch batch, long body, long at) throws FunctionException {
        if (batch == null) {
            throw bad("at byte offset " + at + " a batch message has no batch header");
        }
        try {
            if (batch.compression() != null) {
                throw bad("at byte offset " + at + " a record batch is compressed; send uncompressed Arrow IPC");
            }
            if (batch.length() < 0 || batch.length() > Integer.MAX_VALUE) {
                throw bad("at byte offset " + at + " a record batch declares " + batch.length() + " rows");
            }
            Buffer buffer = new Buffer();
            for (int i = 0; i < batch.buffersLength(); i++) {
                batch.buffers(buffer, i);
                if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() > body - buffer.length()) {
                    throw bad("at byte offset " + at + " buffer " + i + " of a record batch (offset " + buffer.offset() + ", length "
                            + buffer.length() + ") lies outside its body of " + body + " bytes");
                }
            }
            FieldNode node = new FieldNode();
            for (int i = 0; i < batch.nodesLength(); i++) {
                batch.nodes(node, i);
                if (node.length() < 0 || node.length() > Integer.MAX_VALUE || node.nullCount() < 0 || node.nullCount() > node.length()) {
                    throw bad("at byte offset " + at + " column node " + i + " of a record batch declares " + node.length() + " values and "
                            + node.nullCount() + " nulls");
                }
            }
        } catch (RuntimeException e) {
            throw bad("at byte offset " + at + " the record batch header is not readable");
        }
    }

    private static FunctionException bad(String detail) {
        return new FunctionException(ProblemType.BAD_PAYLOAD, "the arrow payload is not a valid Arrow IPC stream: " + detail, "payload");
    }
}
