package io.teatree.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell examples one after another with {@code bash -c} in one working directory, the way a reader pastes them
 * into one terminal: variables a block sets are there in the next. Inside a block {@code curl} is a function that
 * calls the real curl with {@code -D} (so the doc's own {@code -i}, {@code -o}, {@code -w} stay as written) and
 * records each call's status code and exit code; a curl with {@code -N} (a stream) is stopped after
 * {@value #STREAM_SECONDS} s, which counts as a normal end.
 */
public final class ShellSession {

    public static final int STREAM_SECONDS = 3;

    private static final String PRELUDE = """
            set -eo pipefail
            curl() {
              local headers rc=0 stream= a
              headers=$(mktemp)
              for a in "$@"; do case "$a" in -N|--no-buffer) stream=1;; esac; done
              if [ -n "$stream" ]; then command curl --max-time %d -D "$headers" "$@" || rc=$?
              else command curl --max-time 120 -D "$headers" "$@" || rc=$?; fi
              local code; code=$(tr -d '\\r' <"$headers" | awk '/^HTTP\\//{c=$2} END{print c}')
              rm -f "$headers"
              [ -n "$stream" ] && [ "$rc" = 28 ] && [ -n "$code" ] && rc=0
              printf '%%s %%s\\n' "${code:-000}" "$rc" >>"$__CURL_LOG"
              return "$rc"
            }
            __before=" $(compgen -v | tr '\\n' ' ') "
            [ -f "$__STATE" ] && . "$__STATE"
            __save() {
              local __v; : >"$__STATE.new"
              for __v in $(compgen -v); do
                case "$__before" in *" $__v "*) continue;; esac
                case "$__v" in __*|BASH_*|FUNCNAME) continue;; esac
                declare -p "$__v" >>"$__STATE.new" 2>/dev/null || true
              done
              mv "$__STATE.new" "$__STATE"
            }
            trap __save EXIT
            """.formatted(STREAM_SECONDS);

    /** What one block did: every curl's status code and exit code in order, the block's exit code and output. */
    public record Run(List<Integer> codes, List<Integer> curlExits, int exit, String output) {
    }

    private final Path dir;
    private final Map<String, String> environment;

    public ShellSession(Path dir, Map<String, String> environment) {
        this.dir = dir;
        this.environment = environment;
    }

    public Path dir() {
        return dir;
    }

    public Run run(String script) throws IOException, InterruptedException {
        Path log = dir.resolve(".curl-log");
        Files.deleteIfExists(log);
        Path output = dir.resolve(".output");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", PRELUDE + script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("__CURL_LOG", log.toString());
        builder.environment().put("__STATE", dir.resolve(".state.sh").toString());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("block still running after 5 minutes:\n" + script);
        }
        List<Integer> codes = new ArrayList<>();
        List<Integer> exits = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                String[] parts = line.trim().split(" ");
                codes.add(Integer.parseInt(parts[0]));
                exits.add(Integer.parseInt(parts[1]));
            }
        }
        return new Run(codes, exits, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
