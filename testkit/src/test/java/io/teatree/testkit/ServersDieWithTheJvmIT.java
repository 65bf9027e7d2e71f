package io.teatree.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServersDieWithTheJvmIT {

    @Test
    void killingTheTestJvmWithSigkillLeavesNoServerProcessBehind() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), ServersHolder.class.getName())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String ready = null;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("READY ")) {
                ready = line;
                break;
            }
        }
        assertThat(ready).as("child JVM started its servers; it printed:%n%s", seen).isNotNull();
        String[] parts = ready.split(" ");
        long natsPid = Long.parseLong(parts[1]);
        long postgresPid = Long.parseLong(parts[2]);
        int s3Port = Integer.parseInt(parts[3]);

        List<ProcessHandle> ours = new ArrayList<>();
        ProcessHandle.of(natsPid).ifPresent(ours::add);
        ProcessHandle postmaster = ProcessHandle.of(postgresPid).orElseThrow();
        ours.add(postmaster);
        postmaster.descendants().forEach(ours::add);
        assertThat(ours).allMatch(ProcessHandle::isAlive).hasSizeGreaterThan(2);
        assertThat(Ports.accepting(s3Port)).isTrue();

        jvm.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
        jvm.waitFor();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ours).noneMatch(ProcessHandle::isAlive));
        assertThat(Ports.accepting(s3Port)).isFalse();
    }

    @Test
    void missingBinaryNamesTheInstallCommand() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Binaries.require("no-such-server-binary", "no-such-package"))
                .hasMessageContaining("apt-get install -y no-such-package");
    }
}
