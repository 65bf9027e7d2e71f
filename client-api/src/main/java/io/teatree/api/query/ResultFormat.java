package io.teatree.api.query;

import io.teatree.api.problem.Problems;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The representations of a query result, chosen by the request's {@code Accept}. */
public enum ResultFormat {
    JSON("application/json"),
    NDJSON("application/x-ndjson"),
    CSV("text/csv"),
    ARROW("application/vnd.apache.arrow.stream"),
    TEXT("text/plain");

    private final String mediaType;

    ResultFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * The first format the client accepts, in the order of its preference ({@code acceptable} sorted by quality);
     * JSON for {@code *}{@code /*} or no {@code Accept}; a 406 problem when it accepts none.
     */
    public static ResultFormat negotiate(List<MediaType> acceptable) {
        if (acceptable == null || acceptable.isEmpty()) {
            return JSON;
        }
        for (MediaType wanted : acceptable) {
            if (wanted.isWildcardType()) {
                return JSON;
            }
            for (ResultFormat format : values()) {
                MediaType offered = MediaType.valueOf(format.mediaType);
                if (wanted.getType().equalsIgnoreCase(offered.getType())
                        && (wanted.isWildcardSubtype() || wanted.getSubtype().equalsIgnoreCase(offered.getSubtype()))) {
                    return format;
                }
            }
        }
        throw Problems.notAcceptable("query results come as application/json, application/x-ndjson, text/csv, "
                + "application/vnd.apache.arrow.stream or text/plain; Accept asked for " + acceptable);
    }
}
