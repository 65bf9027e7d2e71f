package io.teatree.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.Problem;
import io.teatree.protocol.ProblemType;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure of a resource to the one error shape, {@code application/problem+json} (RFC 9457). */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Problem INTERNAL = Problem.of(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged", null);

    /** Every problem answer passes here (or {@link #web}): its detail loses any server path on the way out. */
    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e) {
        Response.ResponseBuilder builder = Response.status(e.problem().status()).type(PROBLEM_JSON).entity(redacted(e.problem()));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return apiProblem(Problems.invalidField(e.field(), e.getMessage()));
    }

    /** The one place a control-store outage becomes 503 {@code unavailable}, with {@code Retry-After}. */
    @ServerExceptionMapper
    public Response controlStore(ControlStoreUnavailableException e) {
        Log.warnf("answering 503: %s", e.getMessage());
        return apiProblem(Problems.controlStoreUnavailable());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return apiProblem(Problems.malformedJson(e.getOriginalMessage()));
    }

    /** An answer cut after its status line (already logged by the writer); what is returned here is never sent. */
    @ServerExceptionMapper
    public Response aborted(AnswerAbortedException e) {
        return apiProblem(new ApiProblem(INTERNAL));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof ApiProblem problem) {
            // a problem found while an answer was being written, before anything was sent (StreamingOutput wraps it)
            return apiProblem(problem);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "request failed with %d", status);
        }
        Problem problem = redacted(webProblem(e));
        Response.ResponseBuilder builder = Response.status(problem.status()).type(PROBLEM_JSON).entity(problem);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Log.errorf(e, "unexpected failure: %s", e.getMessage());
        return apiProblem(new ApiProblem(INTERNAL));
    }

    /**
     * The problem the mappers above answer for {@code e}, without logging: lets code that observes a failure
     * (spans, metrics) see the status and detail the client gets.
     */
    public static Problem problemOf(Throwable e) {
        return redacted(switch (e) {
            case ApiProblem p -> p.problem();
            case InvalidFieldException i -> Problems.invalidField(i.field(), i.getMessage()).problem();
            case ControlStoreUnavailableException c -> Problems.controlStoreUnavailable().problem();
            case JsonProcessingException j -> Problems.malformedJson(j.getOriginalMessage()).problem();
            case WebApplicationException w when w.getCause() instanceof ApiProblem p -> p.problem();
            case WebApplicationException w -> webProblem(w);
            default -> INTERNAL;
        });
    }

    /** Longest detail answered: details quote the offending value, which may be megabytes long. */
    static final int MAX_DETAIL = 1024;

    /** {@code problem} with server paths taken out of its detail ({@link Redaction}), cut to {@link #MAX_DETAIL}. */
    public static Problem redacted(Problem problem) {
        String detail = Redaction.redact(problem.detail());
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "… (" + detail.length() + " characters)";
        }
        return java.util.Objects.equals(detail, problem.detail()) ? problem
                : new Problem(problem.type(), problem.title(), problem.status(), detail, problem.field());
    }

    private static Problem webProblem(WebApplicationException e) {
        return Problem.of(ProblemType.forStatus(e.getResponse().getStatus()), e.getMessage(), null);
    }
}
