package io.teatree.functions.load;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/** An {@link ArrowReader} over one record batch built in memory. Takes ownership of the root. */
public final class RootReader extends ArrowReader {

    private final VectorSchemaRoot source;
    private boolean done;

    public RootReader(BufferAllocator allocator, VectorSchemaRoot source) {
        super(allocator);
        this.source = source;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (done) {
            return false;
        }
        done = true;
        try (ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
            loadRecordBatch(batch);
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        source.close();
    }

    @Override
    protected Schema readSchema() {
        return source.getSchema();
    }
}
