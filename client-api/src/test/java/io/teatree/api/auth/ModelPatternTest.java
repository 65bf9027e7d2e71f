package io.teatree.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.api.problem.ApiProblem;
import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.ModelId;
import org.junit.jupiter.api.Test;

class ModelPatternTest {

    @Test
    void globsMatchModelIds() {
        assertThat(new ModelPattern("*").matches(ModelId.of("anything"))).isTrue();
        assertThat(new ModelPattern("sales-*").matches(ModelId.of("sales-eu"))).isTrue();
        assertThat(new ModelPattern("sales-*").matches(ModelId.of("salesx"))).isFalse();
        assertThat(new ModelPattern("a").matches(ModelId.of("a"))).isTrue();
        assertThat(new ModelPattern("a").matches(ModelId.of("ab"))).isFalse();
        assertThat(new ModelPattern("m?").matches(ModelId.of("m1"))).isTrue();
    }

    @Test
    void globMatchingAgreesWithTheDefinition() {
        assertThat(ModelPattern.match("*a*b", "xxaxxb").matched()).isTrue();
        assertThat(ModelPattern.match("*a*b", "xxaxxbx").matched()).isFalse();
        assertThat(ModelPattern.match("a*", "a").matched()).isTrue();
        assertThat(ModelPattern.match("**", "").matched()).isTrue();
        assertThat(ModelPattern.match("?", "").matched()).isFalse();
        assertThat(ModelPattern.match("*-?-*", "ab-c-d").matched()).isTrue();
        assertThat(ModelPattern.match("*-?-*", "ab-cd-e").matched()).isFalse();
        assertThat(ModelPattern.match("a*b*c", "abbbbbbc").matched()).isTrue();
        assertThat(ModelPattern.match("a*b*c", "acb").matched()).isFalse();
    }

    @Test
    void adversarialStarPatternsTakeAtMostQuadraticSteps() {
        // the pattern a backtracking regex needs exponential time for: *-*-*-...-x against a long id without x
        String glob = "*-".repeat(40) + "x";
        String id = "a-".repeat(200) + "b";
        ModelPattern.Match outcome = ModelPattern.match(glob, id);
        assertThat(outcome.matched()).isFalse();
        assertThat(outcome.steps()).isLessThanOrEqualTo((long) (glob.length() + 1) * (id.length() + 1));
        assertThat(ModelPattern.match(glob, "a-".repeat(200) + "x").matched()).isTrue();

        // the longest pattern a key may have, against the longest model id
        String longest = ("*-".repeat(31) + "x").substring(0, ModelPattern.MAX_LENGTH);
        String model = "a-".repeat(31) + "b";
        assertThat(new ModelPattern(longest).matches(ModelId.of(model))).isFalse();
        assertThat(ModelPattern.match(longest, model).steps()).isLessThanOrEqualTo(64L * 64);
    }

    @Test
    void patternsAreValidated() {
        assertThatThrownBy(() -> new ModelPattern("*-".repeat(40) + "x")).isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("modelPattern"));
        assertThatThrownBy(() -> new ModelPattern("A*")).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> new ModelPattern("a.*")).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> new ModelPattern("")).isInstanceOf(InvalidFieldException.class);
    }

    @Test
    void rolesAndScopeAreEnforced() {
        Caller reader = new Caller("k", Role.READER, new ModelPattern("a"));
        reader.require(Role.READER, ModelId.of("a"));
        assertThatThrownBy(() -> reader.require(Role.WRITER, ModelId.of("a"))).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).problem().status()).isEqualTo(403));
        assertThatThrownBy(() -> reader.require(Role.READER, ModelId.of("b"))).isInstanceOf(ApiProblem.class);
        assertThat(Role.ADMIN.includes(Role.WRITER)).isTrue();
        assertThat(Role.WRITER.includes(Role.ADMIN)).isFalse();
    }

    @Test
    void secretsAreRandomAndHashed() {
        String secret = Secrets.newSecret();
        assertThat(secret).startsWith("tt_").hasSize(46).isNotEqualTo(Secrets.newSecret());
        assertThat(Secrets.sha256(secret)).hasSize(64).isEqualTo(Secrets.sha256(secret));
    }
}
