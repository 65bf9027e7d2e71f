package io.teatree.api.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The client API's configuration ({@code teatree.*}). */
@ConfigMapping(prefix = "teatree")
public interface ApiConfig {

    Nats nats();

    Events events();

    S3 s3();

    Auth auth();

    Limits limits();

    Versions versions();

    Query query();

    Metrics metrics();

    /** Prometheus metrics at {@code /q/metrics}. */
    interface Metrics {
        /**
         * How many distinct models keep their own {@code model} label; later models are counted under
         * {@code _other}, so a deployment with many models keeps a bounded number of series.
         */
        @WithDefault("100")
        int modelLabelCap();

        /** How many distinct functions keep their own {@code function} label; later ones become {@code _other}. */
        @WithDefault("50")
        int functionLabelCap();
    }

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

        /** Longest a query may run, including streaming its rows; then it is cancelled. */
        @WithDefault("PT30S")
        Duration timeout();

        /** Rows per Arrow record batch in {@code application/vnd.apache.arrow.stream} answers. */
        @WithDefault("65536")
        int arrowBatchRows();
    }

    /** NATS connection. */
    interface Nats {
        /** Server URL, e.g. {@code nats://127.0.0.1:4222}. */
        @WithDefault("nats://127.0.0.1:4222")
        String url();

        /** How long a publish waits for JetStream's acknowledgement before the API answers 503. */
        @WithDefault("PT5S")
        Duration publishTimeout();
    }

    /** The S3-compatible object store (path-style addressing). */
    interface S3 {
        @WithDefault("http://127.0.0.1:9000")
        String endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("teatree")
        String bucket();

        String accessKey();

        String secretKey();
    }

    /** The events stream and its Server-Sent Events feed. */
    interface Events {
        /** How long events are kept in {@code TEATREE_EVENTS}. */
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

        /** How long a resolved key is trusted before it is looked up again (revocation on another replica). */
        @WithDefault("PT10S")
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

        /** Multipart part size for staging bodies in S3 (at least 5 MiB); one part is buffered per upload. */
        @WithDefault("8M")
        MemorySize partSize();

        /** Largest intent args carried inline in the NATS message; larger {@code rows} are staged in S3. */
        @WithDefault("256K")
        MemorySize inlineArgs();

        /** Longest {@code ?wait=} on intent status. */
        @WithDefault("PT60S")
        Duration maxWait();
    }
}
