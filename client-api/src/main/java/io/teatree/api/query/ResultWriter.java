package io.teatree.api.query;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;

/** Writes a query's rows in one representation, at most {@code maxRows} of them. Called once per query, on its thread. */
interface ResultWriter {

    /** Streams the rows of {@code query} to {@code out}; returns how many were written. */
    long write(RunningQuery query, long maxRows, OutputStream out) throws IOException, SQLException;
}
