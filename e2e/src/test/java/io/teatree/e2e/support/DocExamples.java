package io.teatree.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of a Markdown page: its fenced {@code sh}/{@code bash}/{@code console} blocks that call
 * {@code curl}, and its {@code json} blocks, in page order, each with the HTML comment written directly above
 * its fence ({@code <!-- expect: 404 -->}, {@code <!-- not-run: reason -->}), blank lines allowed in between.
 */
public final class DocExamples {

    private static final Set<String> SHELL = Set.of("sh", "bash", "console", "shell");
    private static final Pattern FENCE = Pattern.compile("^```\\s*([A-Za-z0-9_-]*)\\s*$");
    private static final Pattern COMMENT = Pattern.compile("^<!--\\s*(expect|not-run):\\s*(.*?)\\s*-->\\s*$");

    /** One fenced block: its page, the line of its opening fence, its language, its text and its annotation. */
    public record Block(String page, int line, String language, String text, Optional<String> expect, Optional<String> notRun) {

        public boolean isShell() {
            return SHELL.contains(language) && text.contains("curl");
        }

        public boolean isJson() {
            return language.equals("json");
        }

        /** The expected status of each curl in order; one code stands for all of them; empty means any 2xx. */
        public List<String> expectedCodes() {
            return expect.map(e -> List.of(e.split("[\\s,]+"))).orElse(List.of());
        }

        @Override
        public String toString() {
            return page + ":" + line;
        }
    }

    private DocExamples() {
    }

    /** The repository's root: the first directory upwards from the working directory that holds {@code docs/api.md}. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs").resolve("api.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/api.md above " + Path.of("").toAbsolutePath());
    }

    /** Every fenced block of {@code page} (a path under the repository root), in order. */
    public static List<Block> blocks(String page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(repositoryRoot().resolve(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            Optional<String> expect = Optional.empty();
            Optional<String> notRun = Optional.empty();
            int above = start - 1;
            while (above >= 0 && lines.get(above).isBlank()) {
                above--;
            }
            Matcher comment = above >= 0 ? COMMENT.matcher(lines.get(above)) : null;
            if (comment != null && comment.matches()) {
                if (comment.group(1).equals("expect")) {
                    expect = Optional.of(comment.group(2));
                } else {
                    notRun = Optional.of(comment.group(2));
                }
            }
            blocks.add(new Block(page, start + 1, open.group(1), text.toString(), expect, notRun));
        }
        return blocks;
    }
}
