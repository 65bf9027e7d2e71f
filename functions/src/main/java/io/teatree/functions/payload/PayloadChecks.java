package io.teatree.functions.payload;

import io.teatree.functions.PayloadFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@link PayloadCheck} for each {@link PayloadFormat}, and a way to run one over a whole file. */
public final class PayloadChecks {

    private PayloadChecks() {
    }

    /**
     * A fresh check for one payload of {@code format}.
     *
     * @param size the payload's total size when known (Content-Length, a file's size), otherwise -1; with it an
     *             Arrow length that points past the end is refused before the bytes run out
     */
    public static PayloadCheck forFormat(PayloadFormat format, PayloadLimits limits, long size) {
        return switch (format) {
            case ARROW -> new ArrowStreamFraming(size, limits.maxBytes());
            case PARQUET -> new ParquetFraming();
            case CSV -> new CsvLines(limits.maxLineBytes());
            case NDJSON -> new NdjsonLines(limits.maxLineBytes(), limits.maxDepth());
            case JSON -> new JsonArrayCheck(limits.maxDepth());
        };
    }

    /** Streams {@code file} through the check for {@code format}; throws at the first problem. */
    public static void checkFile(PayloadFormat format, PayloadLimits limits, Path file) throws IOException {
        PayloadCheck check = forFormat(format, limits, Files.size(file));
        try (InputStream in = new CheckingInputStream(Files.newInputStream(file), check)) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer, 0, buffer.length) >= 0) {
                // the check sees every byte
            }
        }
    }
}
