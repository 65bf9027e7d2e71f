package io.teatree.bench;

import io.teatree.testkit.ChildProcesses;
import io.teatree.testkit.TeatreeServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Runs a real db-manager process over a backlog and times it until every intent is recorded. */
final class ManagerRun {

    private ManagerRun() {
    }

    /**
     * Intents per second applied by the manager: the intents committed after its first batch, divided by the
     * time between the first and the last commit (so JVM start-up and the first fetch are not counted).
     */
    static double drain(io.teatree.protocol.ModelId model, Path dir, int intents) throws Exception {
        Path jar = Path.of("db-manager", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (bin/teatree bench does)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED"));
        TeatreeServers.get().serviceConfig().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dteatree.manager.model=" + model.value());
        command.add("-Dteatree.manager.data-dir=" + dir);
        command.add("-Dteatree.manager.idle-timeout=PT2S");
        command.add("-Dquarkus.http.port=0");
        command.add("-Dquarkus.log.level=WARN");
        command.add("-jar");
        command.add(jar.toString());
        Process process = ChildProcesses.start(command, dir.resolve(model.value() + ".log"), dir);
        String url = TeatreeServers.get().postgres().jdbcUrl();
        try (Connection pg = DriverManager.getConnection(url, TeatreeServers.get().postgres().user(), "");
             PreparedStatement count = pg.prepareStatement("SELECT count(*) FILTER (WHERE status = 'succeeded'),"
                     + " count(*) FILTER (WHERE version > v0), extract(epoch FROM max(finished_at) - min(finished_at))"
                     + " FROM intent, (SELECT min(version) AS v0 FROM intent WHERE model_id = ?) first WHERE model_id = ?")) {
            count.setString(1, model.value());
            count.setString(2, model.value());
            while (true) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= intents) {
                        process.destroy();
                        process.waitFor();
                        return rs.getLong(2) / Math.max(rs.getDouble(3), 0.001);
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("manager exited early; see " + dir.resolve(model.value() + ".log"));
                }
                Thread.sleep(100);
            }
        }
    }
}
