package io.teatree.dispatcher.placement.kubernetes;

import io.teatree.dispatcher.placement.ManagerTelemetry;
import java.time.Duration;
import java.util.Optional;

/**
 * How the {@code kubernetes} placement builds StatefulSets.
 *
 * @param namespace          namespace of the StatefulSets
 * @param image              the db-manager image
 * @param imagePullPolicy    its pull policy
 * @param storageClass       storage class of the model volumes; the cluster default when empty
 * @param postgresSecret     Secret with {@code username} and {@code password}
 * @param s3Secret           Secret with {@code access-key} and {@code secret-key}
 * @param natsSecret         Secret with {@code username} and {@code password} of the managers' NATS user
 * @param managerIdleTimeout the managers' own idle timeout (a fallback: the dispatcher scales idle ones to zero first)
 * @param telemetry          the managers' OTLP endpoint and log format
 */
public record KubernetesSettings(String namespace, String image, String imagePullPolicy, Optional<String> storageClass,
                                 String postgresSecret, String s3Secret, String natsSecret, Duration managerIdleTimeout,
                                 ManagerTelemetry telemetry) {

    public KubernetesSettings {
        if (namespace == null || image == null || imagePullPolicy == null || postgresSecret == null || s3Secret == null || natsSecret == null
                || managerIdleTimeout == null) {
            throw new IllegalArgumentException("every kubernetes placement setting is required");
        }
        storageClass = storageClass == null ? Optional.empty() : storageClass.filter(s -> !s.isBlank());
        telemetry = telemetry == null ? ManagerTelemetry.NONE : telemetry;
    }

    /** Settings whose managers are not traced and log plain text. */
    public KubernetesSettings(String namespace, String image, String imagePullPolicy, Optional<String> storageClass,
                              String postgresSecret, String s3Secret, String natsSecret, Duration managerIdleTimeout) {
        this(namespace, image, imagePullPolicy, storageClass, postgresSecret, s3Secret, natsSecret, managerIdleTimeout, ManagerTelemetry.NONE);
    }
}
