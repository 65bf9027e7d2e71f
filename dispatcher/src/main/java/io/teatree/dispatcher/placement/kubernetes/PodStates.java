package io.teatree.dispatcher.placement.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.teatree.dispatcher.placement.ManagerState;
import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.protocol.ModelId;
import java.time.Instant;
import java.util.Optional;

/** Reads a model's manager state from its StatefulSet and pod, as the kubelet reports them. */
final class PodStates {

    private PodStates() {
    }

    static PlacementInfo info(ModelId model, StatefulSet sts, Optional<Pod> pod) {
        int replicas = sts.getSpec().getReplicas() == null ? 0 : sts.getSpec().getReplicas();
        Instant changedAt = changedAt(sts);
        String podClass = sts.getMetadata().getLabels() == null ? null : sts.getMetadata().getLabels().get(ModelLabels.POD_CLASS);
        int restarts = pod.flatMap(PodStates::container).map(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).orElse(0);
        String detail = "statefulset " + sts.getMetadata().getName() + pod.map(p -> ", pod " + p.getMetadata().getName()).orElse("");
        if (replicas == 0) {
            ManagerState state = pod.isPresent() ? ManagerState.STOPPING : ManagerState.STOPPED;
            return new PlacementInfo(model, state, changedAt, podClass, restarts, detail);
        }
        if (pod.isEmpty()) {
            return new PlacementInfo(model, ManagerState.STARTING, changedAt, podClass, restarts, detail);
        }
        Optional<ContainerStatus> container = container(pod.get());
        boolean crashLooping = container.map(c -> c.getState() != null && c.getState().getWaiting() != null
                && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason())).orElse(false);
        if (crashLooping) {
            return new PlacementInfo(model, ManagerState.CRASHED, changedAt, podClass, restarts, detail);
        }
        Optional<PodCondition> ready = ready(pod.get());
        if (ready.isPresent() && "True".equals(ready.get().getStatus())) {
            Instant since = parse(ready.get().getLastTransitionTime()).orElse(changedAt);
            return new PlacementInfo(model, ManagerState.RUNNING, since, podClass, restarts, detail);
        }
        return new PlacementInfo(model, ManagerState.STARTING, changedAt, podClass, restarts, detail);
    }

    static Optional<ContainerStatus> container(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(c -> "db-manager".equals(c.getName())).findFirst();
    }

    private static Optional<PodCondition> ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    static Instant changedAt(StatefulSet sts) {
        var annotations = sts.getMetadata().getAnnotations();
        Optional<Instant> changed = annotations == null ? Optional.empty() : parse(annotations.get(ModelLabels.CHANGED_AT));
        return changed.or(() -> parse(sts.getMetadata().getCreationTimestamp())).orElse(Instant.EPOCH);
    }

    static Optional<Instant> parse(String timestamp) {
        try {
            return timestamp == null ? Optional.empty() : Optional.of(Instant.parse(timestamp));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
