package io.teatree.manager;

import io.teatree.testkit.PackageCycles;
import org.junit.jupiter.api.Test;

/** The db-manager's packages, the root package included, depend on each other without cycles (main classes only). */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertNone("io.teatree.manager");
    }
}
