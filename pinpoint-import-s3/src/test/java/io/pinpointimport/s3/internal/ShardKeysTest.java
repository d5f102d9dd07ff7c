package io.pinpointimport.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.format.ImportFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShardKeysTest {

    @Test
    void layoutIsPrefixRunPaddedShardAndPartFile() {
        ShardKeys keys = ShardKeys.under("pinpoint/imports/");

        assertThat(keys.objectKey("run-1", 7, ImportFormat.CSV)).isEqualTo("pinpoint/imports/run-1/00007/part.csv");
        assertThat(keys.objectKey("run-1", 7, ImportFormat.JSON)).isEqualTo("pinpoint/imports/run-1/00007/part.json");
        assertThat(keys.shardPrefix("run-1", 7)).isEqualTo("pinpoint/imports/run-1/00007/");
        assertThat(keys.runPrefix("run-1")).isEqualTo("pinpoint/imports/run-1/");
        assertThat(ShardKeys.s3Url("bkt", keys.shardPrefix("run-1", 0)))
                .isEqualTo("s3://bkt/pinpoint/imports/run-1/00000/");
    }

    @Test
    void emptyPrefixStartsAtTheRunId() {
        assertThat(ShardKeys.under("").objectKey("r", 0, ImportFormat.CSV)).isEqualTo("r/00000/part.csv");
        assertThat(ShardKeys.under(null).prefix()).isEmpty();
    }

    @Test
    void shardNumbersSortAsKeysAndLargeNumbersStillWork() {
        ShardKeys keys = ShardKeys.under("p");
        assertThat(keys.shardPrefix("r", 9).compareTo(keys.shardPrefix("r", 10)))
                .isNegative();
        assertThat(keys.shardPrefix("r", 99_999)).isEqualTo("p/r/99999/");
        assertThat(keys.shardPrefix("r", 123_456)).isEqualTo("p/r/123456/");
        assertThatThrownBy(() -> keys.shardPrefix("r", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a|a/",
                "a/|a/",
                "/lead|lead/",
                "///lead//x///|lead/x/",
                "//|''",
                "/|''",
                "a b/c-d_e.f|a b/c-d_e.f/",
                "données/été|données/été/",
                "日本/データ|日本/データ/",
                "emoji-😀/x|emoji-😀/x/",
                "..a/b..|..a/b../",
            })
    void prefixesAreNormalised(String given, String expected) {
        assertThat(ShardKeys.normalizePrefix(given)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../b", "a/..", "..", "./a", "a/./b", "/../", "a//..//b"})
    void dotSegmentsAreRejected(String hostile) {
        assertThatThrownBy(() -> ShardKeys.normalizePrefix(hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000b", "a/\nb", "tab\there", "\u007f", "c1\u0085", "cr\r/"})
    void controlCharactersAreRejected(String hostile) {
        assertThatThrownBy(() -> ShardKeys.normalizePrefix(hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters")
                .hasMessageNotContaining(hostile);
    }

    @Test
    void backslashesAndBrokenUnicodeAreRejected() {
        assertThatThrownBy(() -> ShardKeys.normalizePrefix("a\\..\\b")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> ShardKeys.normalizePrefix("x\uD83D")).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> ShardKeys.normalizePrefix("\uDE00x")).hasMessageContaining("surrogate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run-1", "2026-11-29T10.15.00Z", "a", "A_b.c-9", "..x", "x.."})
    void safeRunIdsAreAccepted(String runId) {
        assertThat(ShardKeys.checkRunId(runId)).isEqualTo(runId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../x", "run 1", "run\u0000", "é", "a:b", "a*b"})
    void unsafeRunIdsAreRejected(String runId) {
        assertThatThrownBy(() -> ShardKeys.checkRunId(runId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardKeys.under("p").objectKey(runId, 0, ImportFormat.CSV))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runIdLengthIsBounded() {
        assertThat(ShardKeys.checkRunId("r".repeat(ShardKeys.MAX_RUN_ID_LENGTH)))
                .hasSize(128);
        assertThatThrownBy(() -> ShardKeys.checkRunId("r".repeat(ShardKeys.MAX_RUN_ID_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardKeys.checkRunId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keysLongerThanS3AllowsAreRejected() {
        ShardKeys keys = ShardKeys.under("é".repeat(510)); // 1020 UTF-8 bytes before the run id
        assertThatThrownBy(() -> keys.objectKey("run-1", 0, ImportFormat.CSV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024");
    }
}
