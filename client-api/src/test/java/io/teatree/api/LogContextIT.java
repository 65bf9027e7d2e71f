package io.teatree.api;

import static io.teatree.api.Api.admin;
import static io.teatree.api.Api.newModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.teatree.testkit.TeatreeTestResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class LogContextIT {

    /** What was logged, with the MDC at the time of logging. */
    record Line(String message, Map<String, String> mdc) {
    }

    @Test
    void theQueuedLineOfAnIntentCarriesItsModelAndIntentIdInTheMdc() {
        String model = newModel("logged");
        List<Line> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    lines.add(new Line(ext.getFormattedMessage(), Map.copyOf(ext.getMdcCopy())));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.teatree.api");
        Logger intents = Logger.getLogger("io.teatree.api.intents");
        Level level = intents.getLevel();
        intents.setLevel(Level.FINE); // the queued line is DEBUG: one per intent is too many for INFO
        logger.addHandler(capture);
        String id;
        try {
            id = admin().contentType(ContentType.JSON)
                    .body("""
                            {"function": "append", "args": {"table": "sales", "rows": [{"id": 1}]}}""")
                    .post("/v1/models/{m}/intents", model).then().statusCode(202).extract().path("id");
        } finally {
            logger.removeHandler(capture);
            intents.setLevel(level);
        }
        assertThat(lines).filteredOn(l -> l.message().contains(id + " queued"))
                .singleElement()
                .satisfies(l -> assertThat(l.mdc()).containsEntry("model", model).containsEntry("intentId", id));
    }
}
