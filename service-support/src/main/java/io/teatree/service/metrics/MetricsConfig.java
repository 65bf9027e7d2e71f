package io.teatree.service.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Metric labels ({@code teatree.metrics.*}), the same keys in every service. */
@ConfigMapping(prefix = "teatree.metrics")
public interface MetricsConfig {

    /**
     * How many distinct models keep their own {@code model} label; later models are counted under
     * {@code _other}, so a deployment with many models keeps a bounded number of series.
     */
    @WithDefault("100")
    int modelLabelCap();

    /** How many distinct functions keep their own {@code function} label; later ones become {@code _other}. */
    @WithDefault("50")
    int functionLabelCap();
}
