package io.teatree.testkit;

import java.util.List;
import java.util.Map;

/**
 * One span as an {@link OtlpReceiver} received it. Ids are lowercase hex; {@code parentSpanId} is empty for a
 * root span. Attribute values are rendered as strings (numbers in decimal).
 *
 * @param service the exporting service's {@code service.name} resource attribute
 * @param links   {@code traceId/spanId} of every span this one links to
 * @param error   true when the span's status is ERROR
 */
public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                           Map<String, String> attributes, List<Link> links, boolean error, String statusMessage) {

    /** A link to another span, with the link's own attributes. */
    public record Link(String traceId, String spanId, Map<String, String> attributes) {
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public boolean isChildOf(ReceivedSpan parent) {
        return traceId.equals(parent.traceId) && parentSpanId.equals(parent.spanId);
    }
}
