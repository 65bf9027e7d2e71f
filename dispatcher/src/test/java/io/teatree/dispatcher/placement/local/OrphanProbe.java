package io.teatree.dispatcher.placement.local;

import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.protocol.ModelId;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A stand-in dispatcher for {@link LocalPlacementIT}: starts one long-running child through the local
 * placement, prints {@code pid <n>} and waits to be killed.
 */
public final class OrphanProbe {

    private OrphanProbe() {
    }

    public static void main(String[] args) throws Exception {
        LocalPlacement placement = new LocalPlacement(spec -> new ProcessBuilder("sleep", "300"), Path.of(args[0]),
                Duration.ofSeconds(1), (model, code, ranFor) -> { });
        ModelId model = ModelId.of("orphan");
        placement.start(new ManagerSpec(model, new PodClass("small", 1, "1Gi", "1Gi")));
        System.out.println("pid " + placement.pid(model).orElseThrow());
        System.out.flush();
        Thread.currentThread().join();
    }
}
