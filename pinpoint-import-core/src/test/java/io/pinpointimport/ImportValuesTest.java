package io.pinpointimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportValuesTest {
    @Test
    void badRecordPolicies() {
        assertThat(BadRecordPolicy.rejectAndContinue().canFail()).isFalse();
        assertThat(BadRecordPolicy.rejectAndContinue().isExceeded(Long.MAX_VALUE - 1))
                .isFalse();
        assertThat(BadRecordPolicy.failOnFirst().isExceeded(1)).isTrue();
        assertThat(BadRecordPolicy.failAfter(2).isExceeded(2)).isFalse();
        assertThat(BadRecordPolicy.failAfter(2).isExceeded(3)).isTrue();
        assertThat(BadRecordPolicy.failAfter(0)).isEqualTo(BadRecordPolicy.failOnFirst());
        assertThat(BadRecordPolicy.failAfter(5))
                .isEqualTo(BadRecordPolicy.failAfter(5))
                .hasSameHashCodeAs(BadRecordPolicy.failAfter(5));
        assertThatThrownBy(() -> BadRecordPolicy.failAfter(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryEqualityToBuilderAndCounts() {
        Rejection r = Rejection.builder()
                .recordIndex(4)
                .field("Address")
                .rule(Rule.ADDRESS_REQUIRED)
                .message("a new endpoint needs an address")
                .build();
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        ImportSummary s = ImportSummary.builder()
                .runId("run-1")
                .recordsRead(10)
                .recordsRejected(1)
                .recordsSubmitted(9)
                .shards(0)
                .rejections(List.of(r))
                .startedAt(t)
                .finishedAt(t.plusSeconds(5))
                .build();
        assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        assertThat(s.toBuilder().recordsRead(11).build()).isNotEqualTo(s);
        assertThat(s.isClean()).isFalse();
        assertThat(s.serviceProcessed()).isZero();
        assertThat(s.toString()).contains("read=10").contains("rejected=1");

        ImportSummary truncated =
                s.toBuilder().rejections(List.of()).rejectionsOmitted(1).build();
        assertThat(truncated.rejectionsOmitted()).isEqualTo(1);
        assertThat(truncated).isNotEqualTo(s.toBuilder().rejections(List.of()).build());
        assertThat(truncated.toBuilder().build()).isEqualTo(truncated).hasSameHashCodeAs(truncated);
        assertThat(truncated.toString()).contains("rejectionsOmitted=1");
        assertThat(s.rejectionsOmitted()).isZero();
        assertThat(s.toString()).doesNotContain("rejectionsOmitted");
        // only the omitted count says something was rejected: still not clean
        assertThat(truncated.toBuilder().recordsRejected(0).build().isClean()).isFalse();
        assertThatThrownBy(() -> s.toBuilder().rejectionsOmitted(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
