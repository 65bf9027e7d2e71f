package io.teatree.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The testkit's servers are locked the way {@code bin/teatree up}'s are (docs/security.md): no anonymous NATS, each
 * service's NATS user limited to its subjects, Postgres only with the right SCRAM password and the app role no
 * superuser, S3 refusing unsigned requests.
 */
@WithTeatreeServers
class BackingServicesLockedIT {

    private static final Duration QUIET = Duration.ofMillis(700);

    @BeforeAll
    static void streams(NatsServer nats) throws Exception {
        try (Connection test = Nats.connect(nats.url())) {
            JetStreamManagement jsm = test.jetStreamManagement();
            for (StreamConfiguration config : List.of(
                    StreamConfiguration.builder().name("TEATREE_INTENTS").subjects("teatree.intent.*").retentionPolicy(RetentionPolicy.WorkQueue).build(),
                    StreamConfiguration.builder().name("TEATREE_EVENTS").subjects("teatree.event.*").build())) {
                try {
                    jsm.getStreamInfo(config.getName());
                } catch (JetStreamApiException missing) {
                    jsm.addStream(config);
                }
            }
        }
    }

    // ---- NATS ------------------------------------------------------------------------------------

    @Test
    void anAnonymousNatsClientCannotConnect(NatsServer nats) {
        assertThatThrownBy(() -> Nats.connect(Options.builder().server(nats.address()).maxReconnects(0).build()).close())
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void aWrongNatsPasswordIsRefused(NatsServer nats) {
        assertThatThrownBy(() -> Nats.connect(Options.builder().server(nats.address()).userInfo("api", "wrong")
                .maxReconnects(0).build()).close()).hasMessageContaining("Authorization Violation");
    }

    @Test
    void theApiPublishesIntentsButCannotSubscribeToThemNorConsumeTheirStream(NatsServer nats) throws Exception {
        Violations violations = new Violations();
        try (Connection api = connect(nats, NatsUser.API, violations); Connection test = Nats.connect(nats.url())) {
            assertThat(api.jetStream().publish("teatree.intent.locked-api", "{}".getBytes(StandardCharsets.UTF_8)).getStream())
                    .as("the API may publish intents").isEqualTo("TEATREE_INTENTS");

            Subscription snoop = api.subscribe("teatree.intent.>");
            api.flush(Duration.ofSeconds(2));
            test.publish("teatree.intent.locked-api", "x".getBytes(StandardCharsets.UTF_8));
            test.flush(Duration.ofSeconds(2));
            assertThat(snoop.nextMessage(QUIET)).as("the API receives no intent").isNull();
            violations.awaitReported("Subscription", "teatree.intent.>");

            assertThatThrownBy(() -> api.jetStreamManagement().addOrUpdateConsumer("TEATREE_INTENTS",
                    ConsumerConfiguration.builder().durable("mgr-locked-api").filterSubject("teatree.intent.locked-api")
                            .ackPolicy(AckPolicy.Explicit).build()))
                    .as("the API cannot create a consumer on the intents").isNotNull();
            assertThatThrownBy(() -> api.jetStreamManagement().deleteStream("TEATREE_INTENTS"))
                    .as("nor delete the stream").isNotNull();
        }
    }

    @Test
    void theApiCannotPublishEvents(NatsServer nats) throws Exception {
        assertCannotPublish(nats, NatsUser.API, "teatree.event.locked-api");
    }

    @Test
    void managersPublishEventsButCannotPublishIntents(NatsServer nats) throws Exception {
        try (Connection manager = connect(nats, NatsUser.MANAGER, new Violations())) {
            assertThat(manager.jetStream().publish("teatree.event.locked-manager", "{}".getBytes(StandardCharsets.UTF_8)).getStream())
                    .as("a manager may publish events").isEqualTo("TEATREE_EVENTS");
        }
        assertCannotPublish(nats, NatsUser.MANAGER, "teatree.intent.locked-manager");
    }

    @Test
    void theDispatcherWatchesIntentsButCannotPublishThem(NatsServer nats) throws Exception {
        Violations violations = new Violations();
        try (Connection dispatcher = connect(nats, NatsUser.DISPATCHER, violations); Connection test = Nats.connect(nats.url())) {
            Subscription watch = dispatcher.subscribe("teatree.intent.>");
            dispatcher.flush(Duration.ofSeconds(2));
            test.publish("teatree.intent.locked-dispatcher", "x".getBytes(StandardCharsets.UTF_8));
            assertThat(watch.nextMessage(Duration.ofSeconds(5))).as("the dispatcher sees intents").isNotNull();
        }
        assertCannotPublish(nats, NatsUser.DISPATCHER, "teatree.intent.locked-dispatcher");
    }

    private static void assertCannotPublish(NatsServer nats, NatsUser user, String subject) throws Exception {
        Violations violations = new Violations();
        try (Connection denied = connect(nats, user, violations); Connection test = Nats.connect(nats.url())) {
            Subscription watch = test.subscribe(subject);
            test.flush(Duration.ofSeconds(2));
            denied.publish(subject, "forged".getBytes(StandardCharsets.UTF_8));
            denied.flush(Duration.ofSeconds(2));
            Message seen = watch.nextMessage(QUIET);
            assertThat(seen).as("%s's publish to %s reaches nobody", user, subject).isNull();
            violations.awaitReported("Publish", subject);
        }
    }

    private static Connection connect(NatsServer nats, NatsUser user, Violations violations) throws Exception {
        return Nats.connect(Options.builder().server(nats.address()).userInfo(user.userName(), nats.password(user))
                .errorListener(violations).maxReconnects(0).build());
    }

    /** The permission violations the server reported to one connection. */
    private static final class Violations implements ErrorListener {
        private final List<String> errors = new CopyOnWriteArrayList<>();

        @Override
        public void errorOccurred(Connection conn, String error) {
            errors.add(error);
        }

        void awaitReported(String kind, String subject) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(errors)
                    .anyMatch(e -> e.contains("Permissions Violation for " + kind) && e.contains(subject)));
        }
    }

    // ---- Postgres --------------------------------------------------------------------------------

    @Test
    void postgresRefusesNoPasswordAWrongOneAndUnknownRoles(PostgresServer postgres) {
        assertRefused(postgres.jdbcUrl(), postgres.user(), null);
        assertRefused(postgres.jdbcUrl(), postgres.user(), "wrong");
        assertRefused(postgres.jdbcUrl(), postgres.adminUser(), "");
        assertRefused(postgres.jdbcUrl(), "postgres", "postgres");
        assertRefused(postgres.jdbcUrl(), "intruder", "");
        assertRefused(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
    }

    @Test
    void nothingInPgHbaTrusts(PostgresServer postgres) throws Exception {
        Path hba = postgres.dataDir().resolve("pg_hba.conf");
        List<String> rules = Files.readAllLines(hba).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(rules).isNotEmpty().allMatch(rule -> rule.endsWith("scram-sha-256"), "uses scram-sha-256");
    }

    @Test
    void theAppRoleIsNoSuperuserAndOwnsOnlyItsSchema(PostgresServer postgres) throws Exception {
        try (java.sql.Connection app = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement s = app.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, current_schema()"
                    + " FROM pg_roles WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4))).containsOnly(false);
                assertThat(rs.getString(5)).isEqualTo("teatree");
            }
            s.execute("CREATE TABLE IF NOT EXISTS locked_probe (id int)");
            assertDenied(s, "CREATE ROLE intruder LOGIN SUPERUSER PASSWORD 'x'");
            assertDenied(s, "ALTER ROLE teatree SUPERUSER");
            assertDenied(s, "SELECT rolpassword FROM pg_authid");
            assertDenied(s, "CREATE TABLE public.intruder (id int)");
            assertDenied(s, "CREATE DATABASE intruder");
            assertDenied(s, "COPY (SELECT 1) TO PROGRAM 'id'");
            assertDenied(s, "SELECT pg_read_file('pg_hba.conf')");
        }
    }

    private static void assertRefused(String url, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, props).close()).as("%s with password %s", user, password)
                .isInstanceOf(SQLException.class);
    }

    private static void assertDenied(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isIn("42501", "3F000"));
    }

    // ---- S3 --------------------------------------------------------------------------------------

    @Test
    void s3RefusesUnsignedRequests(S3Server s3) throws Exception {
        Files.writeString(s3.directory().resolve(TeatreeServers.BUCKET).resolve("locked-probe.txt"), "secret");
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/", "/" + TeatreeServers.BUCKET, "/" + TeatreeServers.BUCKET + "?list-type=2",
                "/" + TeatreeServers.BUCKET + "/locked-probe.txt")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("unsigned GET %s", path).isEqualTo(403);
            assertThat(response.body()).doesNotContain("locked-probe", "secret");
        }
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + TeatreeServers.BUCKET + "/forged"))
                .PUT(HttpRequest.BodyPublishers.ofString("forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as("unsigned PUT").isEqualTo(403);
        assertThat(s3.directory().resolve(TeatreeServers.BUCKET).resolve("forged")).doesNotExist();
    }
}
