package io.teatree.functions.payload;

import io.teatree.functions.PayloadFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** Valid payloads of every format, made by the real writers (Arrow Java, DuckDB), for checks and fuzzers to start from. */
public final class Samples {

    private Samples() {
    }

    public static byte[] valid(PayloadFormat format) {
        return switch (format) {
            case CSV -> "id,name\n1,ann\n2,\"b,ob\"\r\n3,zoë\n".getBytes(StandardCharsets.UTF_8);
            case NDJSON -> "{\"id\":1,\"name\":\"ann\"}\n\n{\"id\":2,\"tags\":[1,{\"a\":null}]}\r\n{\"id\":3}".getBytes(StandardCharsets.UTF_8);
            case JSON -> "[{\"id\":1,\"name\":\"ann\"}, {\"id\":2,\"tags\":[1,[2],{\"a\":[]}]}, {}]".getBytes(StandardCharsets.UTF_8);
            case ARROW -> arrow(false);
            case PARQUET -> parquet();
        };
    }

    /** An Arrow IPC stream of two batches (or the IPC file format, with {@code file}). */
    public static byte[] arrow(boolean file) {
        try (BufferAllocator allocator = new RootAllocator();
             BigIntVector id = new BigIntVector("id", allocator);
             VarCharVector name = new VarCharVector("name", allocator)) {
            for (int i = 0; i < 3; i++) {
                id.setSafe(i, i);
                name.setSafe(i, ("n" + i).getBytes(StandardCharsets.UTF_8));
            }
            id.setValueCount(3);
            name.setValueCount(3);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (VectorSchemaRoot root = VectorSchemaRoot.of(id, name)) {
                if (file) {
                    try (ArrowFileWriter writer = new ArrowFileWriter(root, null, java.nio.channels.Channels.newChannel(out))) {
                        writer.start();
                        writer.writeBatch();
                        writer.end();
                    }
                } else {
                    try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                        writer.start();
                        writer.writeBatch();
                        writer.writeBatch();
                        writer.end();
                    }
                }
            }
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] parquet() {
        try {
            Path file = Files.createTempFile("sample", ".parquet");
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
                s.execute("COPY (SELECT range AS id, 'n' || range AS name FROM range(5)) TO '" + file + "' (FORMAT parquet)");
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code bytes} through a fresh check for {@code format}, in chunks of {@code chunk} bytes. */
    public static void check(PayloadFormat format, PayloadLimits limits, byte[] bytes, int chunk, boolean sizeKnown)
            throws MalformedPayloadException {
        PayloadCheck check = PayloadChecks.forFormat(format, limits, sizeKnown ? bytes.length : -1);
        for (int i = 0; i < bytes.length; i += chunk) {
            check.accept(bytes, i, Math.min(chunk, bytes.length - i));
        }
        check.finish();
    }
}
