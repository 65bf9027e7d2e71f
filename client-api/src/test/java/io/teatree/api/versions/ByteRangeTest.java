package io.teatree.api.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teatree.api.problem.ApiProblem;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void noHeaderMeansTheWholeFile() {
        assertThat(ByteRange.parse(null, 100)).isEmpty();
        assertThat(ByteRange.parse(" ", 100)).isEmpty();
    }

    @Test
    void singleRangesAreParsedAndClampedToTheFile() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).contains(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=90-", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=50-500", 100)).contains(new ByteRange(50, 99));
        assertThat(new ByteRange(50, 99).length()).isEqualTo(50);
        assertThat(new ByteRange(50, 99).contentRange(100)).isEqualTo("bytes 50-99/100");
    }

    @Test
    void otherRangesAreNotSatisfiable() {
        for (String header : new String[] {"bytes=100-", "bytes=5-4", "bytes=0-1,3-4", "items=0-1", "bytes=a-b", "bytes=-0", "bytes=7"}) {
            assertThatThrownBy(() -> ByteRange.parse(header, 100)).as(header).isInstanceOfSatisfying(ApiProblem.class, p -> {
                assertThat(p.problem().status()).isEqualTo(416);
                assertThat(p.headers()).containsEntry("Content-Range", "bytes */100");
            });
        }
    }
}
