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
    void patternsAreValidated() {
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
