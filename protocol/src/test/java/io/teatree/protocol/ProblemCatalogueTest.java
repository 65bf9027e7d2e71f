package io.teatree.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.functions.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProblemCatalogueTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (\\d{3}) \\| ([^|]+) \\|", Pattern.MULTILINE);

    private record Own(String slug, int status, String title) implements ErrorType {
    }

    @Test
    void docsApiListsExactlyTheCatalogue() throws IOException {
        Matcher m = ROW.matcher(Files.readString(Path.of("../docs/api.md")));
        Map<String, String> documented = new java.util.LinkedHashMap<>();
        while (m.find()) {
            documented.put(m.group(1), m.group(2) + " " + m.group(3).strip());
        }
        Map<String, String> catalogue = Arrays.stream(ProblemType.values())
                .collect(Collectors.toMap(ProblemType::slug, t -> t.status() + " " + t.title()));

        assertThat(documented).containsExactlyInAnyOrderEntriesOf(catalogue);
    }

    @Test
    void slugsAreUniqueAndWellFormed() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug).distinct()).hasSize(ProblemType.values().length);
        assertThat(ProblemType.values()).allSatisfy(t -> assertThat(t.slug()).matches(ErrorType.SLUG));
    }

    @Test
    void aProblemCarriesItsKindsUriTitleAndStatus() {
        Problem problem = Problem.of(ProblemType.BAD_ARGS, "no rows", "rows");

        assertThat(problem.type()).isEqualTo("https://teatree.io/problems/bad-args");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.title()).isEqualTo("Invalid arguments");
        assertThat(problem.type()).isEqualTo(ProblemType.BAD_ARGS.uri());
        assertThat(problem.type()).isNotEqualTo(ProblemType.BAD_SQL.uri());
    }

    @Test
    void httpStatusesMapToTheirGenericKind() {
        assertThat(ProblemType.forStatus(405)).isEqualTo(ProblemType.METHOD_NOT_ALLOWED);
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.BAD_REQUEST);
        assertThat(ProblemType.forStatus(429)).isEqualTo(ProblemType.BAD_REQUEST);
        assertThat(ProblemType.forStatus(504)).isEqualTo(ProblemType.INTERNAL);
    }

    @Test
    void functionsAddKindsButCannotTakeAStandardSlug() {
        Own own = new Own("scale-not-numeric", 422, "Not numeric");

        assertThat(ProblemCatalogue.with(List.of(own)).all()).contains(own, ProblemType.BAD_ARGS);
        assertThat(ProblemCatalogue.with(List.of(own)).contains(own)).isTrue();
        assertThatThrownBy(() -> ProblemCatalogue.with(List.of(new Own("bad-args", 422, "Mine"))))
                .hasMessageContaining("'bad-args'").hasMessageContaining("taken");
        assertThatThrownBy(() -> ProblemCatalogue.with(List.of(own, new Own("scale-not-numeric", 400, "Other"))))
                .hasMessageContaining("taken");
        assertThatThrownBy(() -> ProblemCatalogue.with(List.of(new Own("Bad Slug", 422, "x")))).hasMessageContaining("'Bad Slug'");
        assertThatThrownBy(() -> ProblemCatalogue.with(List.of(new Own("fine", 200, "x")))).hasMessageContaining("status 200");
    }
}
