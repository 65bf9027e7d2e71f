package io.teatree.api.query;

import io.quarkus.logging.Log;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.problem.AnswerAbortedException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Streams a running query's rows in the chosen {@link ResultFormat}, at most {@code teatree.query.max-rows}, and
 * closes the query (releasing its version) when done. Once rows stream the status line is sent: a failure then
 * (the time limit, the client going away) stops the answer where it is, without the end of its format (no
 * closing {@code ]}, no Arrow end-of-stream), so it cannot pass for a complete one. Thread-safe; each call
 * blocks its thread until the answer is written.
 */
@ApplicationScoped
public class ResultWriters {

    private final BufferAllocator allocator = new RootAllocator();
    private final long maxRows;
    private final int arrowBatchRows;

    public ResultWriters(ApiConfig config) {
        this.maxRows = config.query().maxRows();
        this.arrowBatchRows = config.query().arrowBatchRows();
    }

    /** The row limit every answer is cut at. */
    public long maxRows() {
        return maxRows;
    }

    /** Writes {@code query} as {@code format} to {@code out}, then closes the query. */
    public void write(ResultFormat format, RunningQuery query, OutputStream out) throws IOException {
        try (query) {
            long rows = writer(format).write(query, maxRows, out);
            Log.debugf("query answered %d rows of version %d as %s", rows, query.version(), format.mediaType());
        } catch (SQLException e) {
            String why = query.timedOut() ? "the query hit its time limit and was cancelled" : "the query failed: " + e.getMessage();
            Log.infof("aborting a query answer: %s", why);
            throw new AnswerAbortedException(why, e);
        }
    }

    private ResultWriter writer(ResultFormat format) {
        return switch (format) {
            case JSON -> new JsonRowsWriter(false);
            case NDJSON -> new JsonRowsWriter(true);
            case CSV -> new CsvWriter();
            case TEXT -> new TextTableWriter();
            case ARROW -> new ArrowResultWriter(allocator, arrowBatchRows);
        };
    }

    @PreDestroy
    void close() {
        allocator.close();
    }
}
