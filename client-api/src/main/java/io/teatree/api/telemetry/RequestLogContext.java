package io.teatree.api.telemetry;

import io.teatree.service.log.ModelMdc;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the request's model ({@code /v1/models/{m}/...}) and intent ({@code /v1/intents/{id}}) in the MDC for
 * every log line written while the request is handled, and takes them out when the response is written.
 * Only well-formed ids are put ({@link ModelMdc#forRequest}), so a path cannot forge log content.
 */
public class RequestLogContext {

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 1)
    public void enter(ContainerRequestContext request) {
        MultivaluedMap<String, String> params = request.getUriInfo().getPathParameters();
        String intentId = isIntentPath(request.getUriInfo().getPath()) ? params.getFirst("id") : null;
        ModelMdc.forRequest(params.getFirst("m"), intentId);
    }

    @ServerResponseFilter
    public void leave(ContainerRequestContext request) {
        ModelMdc.clearRequest();
    }

    private static boolean isIntentPath(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).startsWith("v1/intents/");
    }
}
