package io.teatree.api.http;

import io.teatree.api.problem.ProblemMappers;
import io.teatree.protocol.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every operation of the published OpenAPI document has in common, stated once here instead of on each
 * resource (registered as {@code mp.openapi.filter}; Quarkus runs it at build time):
 * <ul>
 * <li>it needs an API key, the {@value #API_KEY} bearer scheme, since {@code AuthFilter} authenticates every
 * REST request;</li>
 * <li>each of its 4xx and 5xx answers is a {@link Problem} as {@value ProblemMappers#PROBLEM_JSON}, the one error
 * shape, so a resource states only the status and what it means there:
 * {@code @APIResponse(responseCode = "404", description = "unknown model")}.</li>
 * </ul>
 */
public class OpenApiConventions implements OASFilter {

    /** The name of the API key security scheme. */
    public static final String API_KEY = "apiKey";

    /**
     * Makes the scanner put the {@link Problem} schema among the components, for the error answers to refer to
     * (it writes one only for a type some annotation names); its own entry, a bare reference to it, is dropped.
     */
    @Schema(implementation = Problem.class)
    interface ProblemSchema {
    }

    @Override
    public void filterOpenAPI(OpenAPI document) {
        document.getComponents().removeSchema(ProblemSchema.class.getSimpleName());
        document.getComponents().addSecurityScheme(API_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .description("An API key: Authorization: Bearer <key>")
                .scheme("bearer"));
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(API_KEY));
        }
        for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
            if (isError(answer.getKey()) && answer.getValue().getContent() == null) {
                answer.getValue().setContent(OASFactory.createContent().addMediaType(ProblemMappers.PROBLEM_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
            }
        }
        return operation;
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }
}
