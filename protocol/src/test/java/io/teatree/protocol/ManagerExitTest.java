package io.teatree.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ManagerExitTest {

    @Test
    void everyCodeMeansOneThing() {
        assertThat(Arrays.stream(ManagerExit.values()).map(ManagerExit::code)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ManagerExit.values()).map(ManagerExit::reason)).doesNotHaveDuplicates();
    }

    @Test
    void theJvmsOutOfMemoryExitIsNotFencing() {
        assertThat(ManagerExit.reasonOf(3)).isEqualTo("out-of-memory");
        assertThat(ManagerExit.FENCED.code()).isNotEqualTo(3);
    }

    @Test
    void unknownCodesNameTheirSignalOrCode() {
        assertThat(ManagerExit.reasonOf(137)).isEqualTo("killed");
        assertThat(ManagerExit.reasonOf(130)).isEqualTo("signal-2");
        assertThat(ManagerExit.reasonOf(42)).isEqualTo("exit-42");
    }
}
