package io.teatree.dispatcher;

import io.teatree.testkit.PackageCycles;
import org.junit.jupiter.api.Test;

/** The dispatcher's packages, the root package included, depend on each other without cycles (main classes only). */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertNone("io.teatree.dispatcher");
    }
}
