package io.teatree.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.teatree.testkit.Readiness;
import io.teatree.testkit.TeatreeTestResource;

/** The readiness contract ({@link Readiness}) on this service. */
@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class HealthIT extends Readiness {
}
