package io.teatree.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void serverPathsBecomeAPlaceholder() {
        assertThat(Redaction.redact("IO Error: Cannot open file \"/tmp/x y/teatree-versions/sales/v3.duckdb\": No such file"))
                .isEqualTo("IO Error: Cannot open file \"<path>\": No such file");
        assertThat(Redaction.redact("Could not set lock on file '/home/ops/.teatree/models/sales/model.duckdb'"))
                .isEqualTo("Could not set lock on file '<path>'");
        assertThat(Redaction.redact("failed to offload block to /var/tmp/duck/tmp_0.block and more"))
                .isEqualTo("failed to offload block to <path> and more");
        assertThat(Redaction.redact("database v3 at .teatree/models/sales/versions/v3.duckdb is read-only"))
                .isEqualTo("database v3 at <path> is read-only");
        assertThat(Redaction.redact("catalog v3.duckdb missing")).isEqualTo("catalog <path> missing");
        assertThat(Redaction.redact("home ~/secret/file and C:\\data\\x.db"))
                .isEqualTo("home <path> and <path>");
    }

    @Test
    void aLongWordIsRedactedInOnePassNotQuadratically() {
        // found by REST fuzzing: a 300K-character value echoed in a detail held a worker thread for minutes
        String word = "x".repeat(2_000_000);
        String redacted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> Redaction.redact("unknown function '" + word + "' and " + word + ".duckdb"));
        assertThat(redacted).isEqualTo("unknown function '" + word + "' and <path>");
    }

    @Test
    void ordinaryTextRoutesAndUrlsStay() {
        String text = "Binder Error: column \"x\" not found; 1/0 is a division, a / b too; see https://duckdb.org/docs/x and /v1/models/sales";
        assertThat(Redaction.redact(text)).isEqualTo(text);
        assertThat(Redaction.redact("Conversion Error: Could not convert string 'x' to INT32")).isEqualTo(
                "Conversion Error: Could not convert string 'x' to INT32");
        assertThat(Redaction.redact(null)).isNull();
    }
}
