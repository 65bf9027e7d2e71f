package io.teatree.functions;

import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a function may use while it runs. Valid only during {@link TeatreeFunction#apply}; not thread-safe.
 */
public interface FunctionContext {

    /** The id of the model the intent changes (a DNS label, already validated). */
    String model();

    /** The id of the intent being applied. */
    UUID intentId();

    /** The model version this intent's batch will commit as. */
    long version();

    /**
     * The model's read-write DuckDB connection, inside the open transaction. External access, extensions
     * and configuration changes are locked.
     */
    Connection connection();

    /** An Arrow allocator owned by the caller; close what you allocate before returning. */
    BufferAllocator allocator();

    /** The intent's payload by reference (bulk rows), already fetched from S3, if it has one. */
    Optional<Payload> payload();
}
