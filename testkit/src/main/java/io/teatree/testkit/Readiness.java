package io.teatree.testkit;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The readiness contract every service keeps (docs/operations.md): {@code /q/health/ready} is 200 {@code UP}
 * only while NATS and Postgres are reachable and 503 {@code DOWN} while either is away; {@code /q/health/live}
 * stays 200. Checked against the shared servers, which it stops and starts again. A service's test extends
 * this class (as a {@code @QuarkusTest}); the service's base URL is Quarkus' {@code test.url}.
 */
public abstract class Readiness {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void readyReflectsNatsAndPostgresHonestly() throws Exception {
        assertFollowsNatsAndPostgres(URI.create(ConfigProvider.getConfig().getValue("test.url", String.class)));
    }

    /** Asserts the contract for the service at {@code base} (e.g. Quarkus' {@code test.url}). */
    public static void assertFollowsNatsAndPostgres(URI base) throws Exception {
        TeatreeServers servers = TeatreeServers.get();
        awaitReady(base, 200, "UP");
        servers.nats().stop();
        try {
            awaitReady(base, 503, "DOWN");
        } finally {
            servers.nats().start();
        }
        awaitReady(base, 200, "UP");
        servers.postgres().stop();
        try {
            awaitReady(base, 503, "DOWN");
        } finally {
            servers.postgres().start();
        }
        awaitReady(base, 200, "UP");
        if (get(base, "/q/health/live").statusCode() != 200) {
            throw new AssertionError("/q/health/live is not 200 with every server up");
        }
    }

    private static void awaitReady(URI base, int status, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> ready = get(base, "/q/health/ready");
            if (ready.statusCode() != status || !ready.body().replace(" ", "").contains("\"status\":\"" + state + "\"")) {
                throw new AssertionError("ready is " + ready.statusCode() + " " + ready.body() + ", expected " + status + " " + state);
            }
        });
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
