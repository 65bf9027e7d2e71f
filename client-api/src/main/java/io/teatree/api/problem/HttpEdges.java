package io.teatree.api.problem;

import io.teatree.protocol.Json;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happens at the edges of the HTTP layer, outside the REST resources:
 * <ul>
 * <li>requests no route handled get a 404 in the one error shape, so even {@code GET /nope} is
 * {@code application/problem+json};</li>
 * <li>a request whose head is refused by {@link RequestHeads} (too long, a {@code Content-Type} or {@code Accept}
 * that is not a media type) gets its 400 problem here, before any resource runs;</li>
 * <li>when an error answers a request whose body was not read (a 413 on its declared length, a 404 before an
 * upload), the rest of the body is read and dropped, up to {@link #DRAIN_LIMIT}, so that clients that only read
 * the answer after sending the whole body still get it; beyond that the connection is closed.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpEdges {

    /** Largest unread request body that is drained after an error answer. */
    static final long DRAIN_LIMIT = 128L * 1024 * 1024;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.addHeadersEndHandler(ignored -> drainAfterError(ctx));
            Problem refused = RequestHeads.check(ctx.request(), ctx.normalizedPath());
            if (refused != null) {
                answer(ctx, refused);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE).handler(ctx -> {
            if (!ctx.response().ended()) {
                answer(ctx, Problem.of(ProblemType.NOT_FOUND, "no resource at " + ctx.request().path(), null));
            }
        });
    }

    private static void answer(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status()).setStatusMessage(ProblemType.forStatus(problem.status()).title())
                .putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                .end(Buffer.buffer(Json.write(problem)));
    }

    private static void drainAfterError(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (ctx.response().getStatusCode() < 400 || request.isEnded()) {
            return;
        }
        long declared = declaredLength(request);
        if (declared > DRAIN_LIMIT) {
            ctx.response().putHeader("Connection", "close");
            return;
        }
        AtomicLong drained = new AtomicLong();
        request.handler(chunk -> {
            if (drained.addAndGet(chunk.length()) > DRAIN_LIMIT) {
                request.connection().close();
            }
        });
        request.resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
