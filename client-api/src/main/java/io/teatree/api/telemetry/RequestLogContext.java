package io.teatree.api.telemetry;

import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.ModelId;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the request's model ({@code /v1/models/{m}/...}) and intent ({@code /v1/intents/{id}}) in the MDC for
 * every log line written while the request is handled, and takes them out when the response is written.
 * Only well-formed ids are put, so a path cannot forge log content.
 */
public class RequestLogContext {

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 1)
    public void enter(ContainerRequestContext request) {
        MultivaluedMap<String, String> params = request.getUriInfo().getPathParameters();
        String model = params.getFirst("m");
        if (model != null && isModel(model)) {
            MDC.put(LogContext.MODEL, model);
        }
        String id = params.getFirst("id");
        if (id != null && isIntentPath(request.getUriInfo().getPath()) && isUuid(id)) {
            MDC.put(LogContext.INTENT_ID, id);
        }
    }

    @ServerResponseFilter
    public void leave(ContainerRequestContext request) {
        MDC.remove(LogContext.MODEL);
        MDC.remove(LogContext.INTENT_ID);
    }

    private static boolean isIntentPath(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).startsWith("v1/intents/");
    }

    private static boolean isModel(String value) {
        try {
            ModelId.of(value);
            return true;
        } catch (InvalidFieldException e) {
            return false;
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
