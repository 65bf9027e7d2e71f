package io.teatree.api.auth;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.teatree.api.problem.ApiProblem;
import io.teatree.api.problem.ProblemMappers;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.Json;
import io.teatree.protocol.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Guards {@code /q/metrics} (served by Quarkus, outside the REST resources): only an admin key for all models
 * ({@code *}) may read it, because its labels name every model. Health ({@code /q/health/*}) and OpenAPI stay
 * open for probes and tooling. The key lookup may query Postgres, so it runs on a worker thread; the answer to a
 * refused request is the usual problem (401 or 403). Thread-safe.
 */
@ApplicationScoped
public class OperationsAuthFilter {

    /** Paths that need an admin key for all models. */
    static final String METRICS = "/q/metrics";

    private final Authenticator authenticator;

    public OperationsAuthFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    private void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.equals(METRICS) && !path.startsWith(METRICS + "/")) {
            rc.next();
            return;
        }
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        rc.vertx().<Caller>executeBlocking(() -> requireOperator(authenticator.authenticate(authorization)), false)
                .onSuccess(caller -> rc.next())
                .onFailure(e -> refuse(rc, e));
    }

    static Caller requireOperator(Caller caller) {
        caller.require(Role.ADMIN);
        if (!caller.pattern().all()) {
            throw Problems.forbidden("metrics name every model: they need an admin key with pattern *");
        }
        return caller;
    }

    private static void refuse(RoutingContext rc, Throwable e) {
        Problem problem = ProblemMappers.problemOf(e);
        var response = rc.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON);
        if (e instanceof ApiProblem api) {
            api.headers().forEach(response::putHeader);
        }
        response.end(io.vertx.core.buffer.Buffer.buffer(Json.write(problem)));
    }
}
