package io.teatree.api.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The client API's own configuration ({@code teatree.*}); NATS, S3 and metrics are service-support's groups
 * ({@code teatree.nats.*}, {@code teatree.s3.*}, {@code teatree.metrics.*}).
 */
@ConfigMapping(prefix = "teatree")
public interface ApiConfig {

    Events events();

    Auth auth();

    Limits limits();

    Versions versions();

    Query query();

    /**
     * Jars of plugin functions ({@code teatree.functions-dir}), the same directory the db-managers load: the API
     * checks a plugin intent's function and args with them. Only the built-ins when absent.
     */
    Optional<Path> functionsDir();

    /** How long the submit path trusts that a registered model exists before it looks again ({@code teatree.model-cache-ttl}). */
    @WithDefault("PT1S")
    Duration modelCacheTtl();


    /** The local cache of published read-only version files. */
    interface Versions {
        /** Where version files downloaded from S3 are kept; {@code <java.io.tmpdir>/teatree-versions} when unset. */
        Optional<Path> cacheDir();

        /**
         * How many versions stay open as DuckDB instances while idle (least recently used closed first); versions
         * in use by a running query or download are never closed, so more may be open for a while.
         */
        @WithDefault("4")
        int openLimit();
    }

    /** Read-only queries on published versions. */
    interface Query {
        /** Most rows one query returns; longer results are cut at this many rows. */
        @WithDefault("100000")
        long maxRows();

        /**
         * Largest cell of a query answer: characters of its text (base64 for blobs) in the row formats, bytes of a
         * value in Arrow. Over it in the first row (first batch for Arrow) is 422 {@code result-too-large}; later
         * the answer ends early, without the end of its format.
         */
        @WithDefault("8M")
        MemorySize maxCell();

        /** Longest a query may run, including streaming its rows; then it is cancelled. */
        @WithDefault("PT30S")
        Duration timeout();

        /** Rows per Arrow record batch in {@code application/vnd.apache.arrow.stream} answers. */
        @WithDefault("65536")
        int arrowBatchRows();
    }



    /** The events stream and its Server-Sent Events feed. */
    interface Events {
        /** How long events are kept in {@code TEATREE_EVENTS}; the client API owns this setting of the stream. */
        @WithDefault("P7D")
        Duration maxAge();

        /** Interval of the SSE heartbeat comments that keep idle connections open. */
        @WithDefault("PT15S")
        Duration heartbeat();

        /** Events buffered for one slow subscriber before its stream is closed (it resumes with Last-Event-ID). */
        @WithDefault("4096")
        int subscriberBuffer();
    }

    /** API keys. */
    interface Auth {
        /** Whether requests need a key; switch off only explicitly for a private single-user setup. */
        @WithDefault("true")
        boolean enabled();

        /** An admin key (id {@code bootstrap}, pattern {@code *}) registered at start, e.g. by {@code bin/teatree up}. */
        Optional<String> bootstrapKey();

        /**
         * How long a resolved key is trusted before it is looked up again: a key revoked on another replica stops
         * working within this time (on the replica that revoked it, at once).
         */
        @WithDefault("PT1S")
        Duration cacheTtl();
    }

    /** Request limits. */
    interface Limits {
        /** Largest JSON request body (intents, models, keys). */
        @WithDefault("10M")
        MemorySize jsonBody();

        /** Largest bulk rows body, streamed to S3. */
        @WithDefault("1G")
        MemorySize rowsBody();

        /** Most intents (non-blank lines) in one NDJSON batch to {@code POST /v1/models/{m}/intents}; more is 413. */
        @WithDefault("10000")
        int batchLines();

        /** Longest line of a CSV or NDJSON rows body; a longer one is 413 naming {@code body} before anything is queued. */
        @WithDefault("8M")
        MemorySize payloadLine();

        /** Deepest nesting of arrays and objects in a JSON or NDJSON rows body; deeper is 400 naming {@code body}. */
        @WithDefault("64")
        int payloadDepth();

        /** Multipart part size for staging bodies in S3 (5–64 MiB); about two parts are buffered per upload. */
        @WithDefault("8M")
        MemorySize partSize();

        /** Largest intent args carried inline in the NATS message; larger {@code rows} are staged in S3. */
        @WithDefault("256K")
        MemorySize inlineArgs();

        /**
         * Longest {@code sql} of a query, in characters (at most the SQL guard's own 1 Mi characters); longer is 413
         * naming {@code sql}.
         */
        @WithDefault("262144")
        int querySql();

        /** Largest query request body (JSON or form); read within this bound, so a huge body is refused, not buffered. */
        @WithDefault("1M")
        MemorySize queryBody();

        /** Longest {@code ?wait=} on intent status. */
        @WithDefault("PT60S")
        Duration maxWait();
    }
}
