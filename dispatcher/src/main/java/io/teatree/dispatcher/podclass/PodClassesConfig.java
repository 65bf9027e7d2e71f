package io.teatree.dispatcher.podclass;

import io.smallrye.config.WithDefault;

/**
 * The four pod classes of docs/design.md, placement ({@code teatree.dispatcher.pod-classes.<class>.cpus|memory|storage}),
 * each with its seed size as default. Memory and storage are Kubernetes quantities ({@code 2Gi}).
 * The set of classes is fixed: an unknown class is a configuration error.
 */
public interface PodClassesConfig {

    Small small();

    Medium medium();

    Large large();

    Xlarge xlarge();

    /** 2 vCPU, 2 GiB. */
    interface Small {
        @WithDefault("2")
        int cpus();

        @WithDefault("2Gi")
        String memory();

        @WithDefault("10Gi")
        String storage();
    }

    /** 4 vCPU, 4 GiB. */
    interface Medium {
        @WithDefault("4")
        int cpus();

        @WithDefault("4Gi")
        String memory();

        @WithDefault("20Gi")
        String storage();
    }

    /** 8 vCPU, 16 GiB. */
    interface Large {
        @WithDefault("8")
        int cpus();

        @WithDefault("16Gi")
        String memory();

        @WithDefault("100Gi")
        String storage();
    }

    /** 16 vCPU, 64 GiB. */
    interface Xlarge {
        @WithDefault("16")
        int cpus();

        @WithDefault("64Gi")
        String memory();

        @WithDefault("400Gi")
        String storage();
    }
}
