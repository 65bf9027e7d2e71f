package io.teatree.manager.apply;

import io.teatree.functions.FunctionContext;
import io.teatree.functions.Payload;
import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;

/** The context one intent's function runs in. */
record ManagerFunctionContext(String model, UUID intentId, long version, Connection connection,
                              BufferAllocator allocator, Optional<Payload> payload) implements FunctionContext {
}
