package io.teatree.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.api.problem.ApiProblem;
import io.teatree.functions.InvalidFieldException;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultFormatTest {

    @Test
    void acceptChoosesTheFirstFormatTheClientTakes() {
        assertThat(ResultFormat.negotiate(List.of())).isEqualTo(ResultFormat.JSON);
        assertThat(ResultFormat.negotiate(List.of(MediaType.WILDCARD_TYPE))).isEqualTo(ResultFormat.JSON);
        assertThat(ResultFormat.negotiate(List.of(MediaType.valueOf("text/csv; charset=utf-8")))).isEqualTo(ResultFormat.CSV);
        assertThat(ResultFormat.negotiate(List.of(MediaType.valueOf("application/xml"), MediaType.valueOf("text/plain"))))
                .isEqualTo(ResultFormat.TEXT);
        assertThat(ResultFormat.negotiate(List.of(MediaType.valueOf("application/vnd.apache.arrow.stream"))))
                .isEqualTo(ResultFormat.ARROW);
        assertThatThrownBy(() -> ResultFormat.negotiate(List.of(MediaType.valueOf("application/xml"))))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.problem().status()).isEqualTo(406));
    }

    @Test
    void parametersMustBeJsonScalars() {
        QueryRequest request = new QueryRequest("SELECT ?, ?, ?, ?", Arrays.asList(1, "a", null, new BigInteger("123456789012345678901")), null);
        assertThat(request.params()).containsExactly(1, "a", null, new BigDecimal("123456789012345678901"));
        assertThatThrownBy(() -> new QueryRequest("SELECT ?", List.of(Map.of("a", 1)), null))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("params[0]"));
        assertThatThrownBy(() -> new QueryRequest(" ", null, null))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("sql"));
    }
}
