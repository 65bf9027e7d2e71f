package io.teatree.api.query;

import io.quarkus.logging.Log;
import io.teatree.api.auth.Caller;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.problem.Problems;
import io.teatree.api.problem.Redaction;
import io.teatree.api.versions.VersionCache;
import io.teatree.api.versions.VersionLease;
import io.teatree.api.versions.VersionService;
import io.teatree.functions.sandbox.SqlGuard;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs read-only queries on published versions: the caller's right and the version (default the newest), then
 * the SQL guard, a connection of its own on the version's shared read-only instance, parameters bound, and a
 * timer that cancels the statement at {@code teatree.query.timeout}. Blocking; thread-safe.
 */
@ApplicationScoped
public class QueryService {

    private final VersionService versions;
    private final VersionCache cache;
    private final Duration timeout;
    private final long maxCell;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "query-timeouts");
        t.setDaemon(true);
        return t;
    });

    public QueryService(VersionService versions, VersionCache cache, ApiConfig config) {
        this.versions = versions;
        this.cache = cache;
        this.timeout = config.query().timeout();
        this.maxCell = config.query().maxCell().asLongValue();
    }

    /**
     * Checks and runs {@code request} on {@code model}; the caller streams the rows and closes the result.
     * Refused SQL, SQL that DuckDB rejects and wrong parameters are 400 problems naming {@code sql} or {@code params};
     * for the row formats the first row is read ahead and a cell of it over {@code teatree.query.max-cell} is 422.
     */
    public RunningQuery run(Caller caller, ModelId model, QueryRequest request, ResultFormat format) {
        Manifest manifest = versions.manifest(caller, model, request.version());
        String sql = SqlGuard.checkReadOnly(request.sql());
        VersionLease lease = open(manifest);
        AtomicBoolean timedOut = new AtomicBoolean();
        PreparedStatement statement = null;
        ScheduledFuture<?> timer = null;
        try {
            statement = lease.connection().prepareStatement(sql);
            bind(statement, request.params());
            PreparedStatement running = statement;
            timer = timers.schedule(() -> cancel(running, timedOut), timeout.toMillis(), TimeUnit.MILLISECONDS);
            ResultSet rows = statement.executeQuery();
            RunningQuery query = new RunningQuery(lease, statement, rows, timer, timedOut, maxCell, format);
            if (format != ResultFormat.ARROW) {
                query.checkFirstRow();
            }
            return query;
        } catch (SQLException | RuntimeException e) {
            if (timer != null) {
                timer.cancel(false);
            }
            closeQuietly(statement);
            lease.close();
            if (timedOut.get()) {
                throw Problems.queryTimeout(timeoutMessage());
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw Problems.invalidField("sql", failure(model, e));
        }
    }

    /**
     * What a client learns of a DuckDB failure: its first line, server paths taken out ({@link Redaction}); an
     * out-of-memory error says so without the server's memory figures. The full message is logged.
     */
    static String failure(ModelId model, Exception e) {
        String first = firstLine(e.getMessage());
        Log.infof("query on %s failed: %s", model, e.getMessage());
        if (first.startsWith("Out of Memory Error")) {
            return "the query needs more memory than the server allows; select fewer rows, columns or groups";
        }
        return "the query failed: " + Redaction.redact(first);
    }

    /** The detail of a query-timeout problem. */
    public String timeoutMessage() {
        return "the query ran longer than " + timeout + " (teatree.query.timeout) and was cancelled";
    }

    private VersionLease open(Manifest manifest) {
        try {
            return cache.acquire(manifest);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open version " + manifest.version() + " of " + manifest.model() + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        int expected = statement.getParameterMetaData().getParameterCount();
        if (expected != params.size()) {
            throw Problems.invalidField("params", "the query has " + expected + " ? placeholder(s), params has " + params.size() + " value(s)");
        }
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }

    private static void cancel(PreparedStatement statement, AtomicBoolean timedOut) {
        timedOut.set(true);
        try {
            statement.cancel();
        } catch (SQLException e) {
            // the statement ended meanwhile
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                // closing after a failure
            }
        }
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
