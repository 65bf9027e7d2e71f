package io.teatree.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/functions.md shows the example project exactly as it is built and tested, every file of it. */
class ExampleProjectDocTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/function-example");
    private static final Pattern SHOWN = Pattern.compile("<!-- file: (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n", Pattern.DOTALL);

    @Test
    void everyShownFileIsTheFileItself() throws IOException {
        Map<String, String> shown = shownFiles();

        assertThat(shown).isNotEmpty();
        for (Map.Entry<String, String> file : shown.entrySet()) {
            assertThat(file.getValue()).as("docs/functions.md shows %s", file.getKey())
                    .isEqualTo(Files.readString(ROOT.resolve(file.getKey())));
        }
    }

    @Test
    void everyFileOfTheExampleIsShown() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(EXAMPLE)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !EXAMPLE.relativize(p).startsWith("target"))
                    .map(p -> ROOT.relativize(p).toString()).sorted().toList();
        }

        assertThat(files).contains("examples/function-example/pom.xml");
        assertThat(shownFiles().keySet()).containsExactlyInAnyOrderElementsOf(files);
    }

    private static Map<String, String> shownFiles() throws IOException {
        Matcher m = SHOWN.matcher(Files.readString(ROOT.resolve("docs/functions.md")));
        Map<String, String> shown = new LinkedHashMap<>();
        while (m.find()) {
            shown.put(m.group(1), m.group(2));
        }
        return shown;
    }
}
