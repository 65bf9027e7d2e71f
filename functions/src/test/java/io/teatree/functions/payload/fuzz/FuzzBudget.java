package io.teatree.functions.payload.fuzz;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Splits the long fuzzing budget over the targets: when {@code fuzz.minutes} (the whole run) and
 * {@code fuzz.targets} (how many targets share it) are set, as the {@code fuzz} profile does for each target's
 * JVM, sets Jazzer's {@code jazzer.max_duration} to this target's share before Jazzer reads it. Does nothing
 * otherwise. Registered through {@code META-INF/services}.
 */
public final class FuzzBudget implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String minutes = System.getProperty("fuzz.minutes", "");
        String targets = System.getProperty("fuzz.targets", "");
        if (!minutes.isBlank() && !targets.isBlank()) {
            long seconds = Math.max(1, Math.round(Double.parseDouble(minutes) * 60 / Integer.parseInt(targets)));
            System.setProperty("jazzer.max_duration", seconds + "s");
        }
    }
}
