package io.teatree.dispatcher.placement.kubernetes;

import java.util.List;

/**
 * Every Kubernetes call the dispatcher makes, as RBAC rules. The Helm chart's Role grants exactly these
 * (a test compares them) and the Kubernetes flow test checks the calls it records against them.
 */
public final class DispatcherRbac {

    /**
     * One rule of a Role.
     *
     * @param apiGroup the API group ({@code ""} for the core group)
     * @param resource the resource, plural
     * @param verbs    the verbs, in the order the Role lists them
     */
    public record Rule(String apiGroup, String resource, List<String> verbs) {

        public Rule {
            verbs = List.copyOf(verbs);
        }
    }

    /** StatefulSets are read, created, patched (scaled, resized) and deleted; pods listed; the leader Lease kept. */
    public static final List<Rule> RULES = List.of(
            new Rule("apps", "statefulsets", List.of("get", "list", "create", "patch", "delete")),
            new Rule("", "pods", List.of("list")),
            new Rule("coordination.k8s.io", "leases", List.of("get", "create", "patch")));

    private DispatcherRbac() {
    }
}
