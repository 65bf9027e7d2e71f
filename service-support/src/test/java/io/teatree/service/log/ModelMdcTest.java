package io.teatree.service.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.protocol.ModelId;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelMdcTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aScopeRestoresWhatWasThereBefore() {
        MDC.put(ModelMdc.MODEL, "outer");
        try (ModelMdc mdc = ModelMdc.of(ModelId.of("inner"), "i-1")) {
            assertThat(MDC.get(ModelMdc.MODEL)).isEqualTo("inner");
            assertThat(MDC.get(ModelMdc.INTENT_ID)).isEqualTo("i-1");
            UUID id = UUID.randomUUID();
            try (ModelMdc about = ModelMdc.intent(id)) {
                assertThat(MDC.get(ModelMdc.MODEL)).isEqualTo("inner");
                assertThat(MDC.get(ModelMdc.INTENT_ID)).isEqualTo(id.toString());
            }
            assertThat(MDC.get(ModelMdc.INTENT_ID)).isEqualTo("i-1");
        }
        assertThat(MDC.get(ModelMdc.MODEL)).isEqualTo("outer");
        assertThat(MDC.get(ModelMdc.INTENT_ID)).isNull();
    }

    @Test
    void aRequestPutsOnlyWellFormedIds() {
        ModelMdc.forRequest("sales\nFAKE LOG LINE", "not-a-uuid");
        assertThat(MDC.get(ModelMdc.MODEL)).isNull();
        assertThat(MDC.get(ModelMdc.INTENT_ID)).isNull();

        UUID id = UUID.randomUUID();
        ModelMdc.forRequest("sales", id.toString());
        assertThat(MDC.get(ModelMdc.MODEL)).isEqualTo("sales");
        assertThat(MDC.get(ModelMdc.INTENT_ID)).isEqualTo(id.toString());
        ModelMdc.clearRequest();
        assertThat(MDC.get(ModelMdc.MODEL)).isNull();
    }

    @Test
    void threadsOfAModelCarryIt() throws Exception {
        Object[] seen = new Object[1];
        Thread thread = ModelMdc.threads("worker", ModelId.of("sales"), true).newThread(() -> seen[0] = MDC.get(ModelMdc.MODEL));
        thread.start();
        thread.join();
        assertThat(seen[0]).isEqualTo("sales");
        assertThat(thread.getName()).isEqualTo("worker");
    }
}
