package io.teatree.api.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.teatree.api.problem.ApiProblem;
import io.teatree.api.problem.ProblemMappers;
import io.teatree.protocol.Problem;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import io.teatree.protocol.telemetry.TraceAttributes;
import io.teatree.protocol.telemetry.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Observes one intent submission (a single intent or bulk rows): runs it inside an {@code api.submit} span,
 * a child of the HTTP server span, and on failure marks the span ERROR with the problem's detail and counts
 * the problem's status in {@link ApiMetrics#REJECTED}. Code running inside adds the function and the intent id
 * with {@link SubmitSpan}. With the OpenTelemetry SDK disabled the span is a no-op. Thread-safe; the submission
 * runs on the calling thread.
 */
@ApplicationScoped
public class SubmitTelemetry {

    private final Tracer tracer;
    private final ApiMetrics metrics;

    /**
     * @param sdkDisabled when true the no-op API is used ({@link Tracing#effective}); Quarkus' disabled SDK would
     *                    also leave random trace ids as exemplars on /q/metrics
     */
    public SubmitTelemetry(OpenTelemetry telemetry, ApiMetrics metrics,
                           @ConfigProperty(name = Tracing.SDK_DISABLED, defaultValue = "false") boolean sdkDisabled) {
        this.tracer = Tracing.effective(telemetry, sdkDisabled).getTracer("io.teatree.api");
        this.metrics = metrics;
    }

    /**
     * Runs {@code submission} for the model named {@code model} (the raw path parameter) and returns its result.
     * Exceptions propagate unchanged, to be mapped to problem answers.
     */
    public <T> T observe(String model, Supplier<T> submission) {
        Span span = tracer.spanBuilder(TraceAttributes.API_SUBMIT).setAttribute(TraceAttributes.MODEL, model).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return submission.get();
        } catch (RuntimeException | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void failed(Span span, Throwable e) {
        Problem problem = ProblemMappers.problemOf(e);
        boolean unexpected = problem.status() >= 500 && !(e instanceof ApiProblem) && !(e instanceof ControlStoreUnavailableException);
        if (unexpected) {
            span.recordException(e);
        }
        span.setStatus(StatusCode.ERROR, unexpected ? String.valueOf(e) : problem.detail());
        metrics.rejected(problem.status());
    }
}
