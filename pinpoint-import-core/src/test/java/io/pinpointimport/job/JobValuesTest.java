package io.pinpointimport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobValuesTest {
    @Test
    void jobOptionsDefaultsEqualityAndToBuilder() {
        JobOptions d = JobOptions.defaults();
        assertThat(d.registerEndpoints()).isTrue();
        assertThat(d.defineSegment()).isFalse();
        assertThat(d.segmentName()).isEmpty();
        assertThat(d.externalId()).isEmpty();
        JobOptions o = JobOptions.builder().defineSegment(true).segmentName("s").segmentId("id").externalId("ext-7788")
                .build();
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o).isNotEqualTo(d);
        assertThat(o.toString()).doesNotContain("7788").contains("segmentName=s");
        assertThatThrownBy(() -> JobOptions.builder().segmentName("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defineSegment");
    }

    @Test
    void pollingDefaultsAreThePublishedConstants() {
        PollingOptions p = PollingOptions.defaults();
        assertThat(p.initialDelay()).isEqualTo(Duration.ofSeconds(2)).isEqualTo(PollingOptions.DEFAULT_INITIAL_DELAY);
        assertThat(p.multiplier()).isEqualTo(1.5);
        assertThat(p.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.jitter()).isEqualTo(0.5);
        assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(p.toBuilder().jitter(0.1).build()).isNotEqualTo(p);
        assertThatThrownBy(() -> PollingOptions.builder().jitter(1.0).build()).hasMessageContaining("jitter");
        assertThatThrownBy(() -> PollingOptions.builder().multiplier(0.5).build()).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> PollingOptions.builder().maxDelay(Duration.ofMillis(1)).build())
                .hasMessageContaining("maxDelay");
    }

    @Test
    void retryDefaultsAreThePublishedConstants() {
        RetryOptions r = RetryOptions.defaults();
        assertThat(r.maxAttempts()).isEqualTo(5);
        assertThat(r.initialDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(r.quotaRetryDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.attemptTimeout()).hasValue(Duration.ofSeconds(30));
        assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(r.toBuilder().attemptTimeout(null).build().attemptTimeout()).isEmpty();
        assertThatThrownBy(() -> RetryOptions.builder().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
    }

    @Test
    void statusTextMapsUnknownToRunning() {
        assertThat(JobStatus.fromText("COMPLETED").isTerminal()).isTrue();
        assertThat(JobStatus.fromText("failed")).isEqualTo(JobStatus.FAILED);
        assertThat(JobStatus.fromText("PENDING_JOB").isTerminal()).isFalse();
        assertThat(JobStatus.fromText("SOMETHING_NEW")).isEqualTo(JobStatus.UNKNOWN);
        assertThat(JobStatus.fromText(null).isTerminal()).isFalse();
    }

    @Test
    void snapshotAndResultEqualityToBuilderAndMaskedFailures() {
        JobSnapshot s = JobSnapshot.builder().id("j1").s3Url("s3://b/p/").statusText("COMPLETED").totalPieces(2)
                .completedPieces(2).failedPieces(0).totalProcessed(10).totalFailures(1)
                .failures(List.of("line 4: Missing Address for someone@example.com")).build();
        assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        assertThat(s.toString()).doesNotContain("example.com").contains("failureLines=1");
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        ImportResult r = ImportResult.builder().s3Url("s3://b/p/").job(s).shardNumber(3).recordsSubmitted(11)
                .queuedAt(t).startedAt(t.plusSeconds(1)).createdAt(t.plusSeconds(2)).finishedAt(t.plusSeconds(9))
                .build();
        assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(r.toBuilder().adopted(true).build()).isNotEqualTo(r);
        assertThat(r.waitTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.runTime()).isEqualTo(Duration.ofSeconds(8));
        assertThat(r.toString()).doesNotContain("example.com");
        ImportJobFailedException e = new ImportJobFailedException(r.toBuilder()
                .job(s.toBuilder().statusText("FAILED").build()).build());
        assertThat(e.getMessage()).contains("j1").contains("s3://b/p/").doesNotContain("example.com");
        assertThat(e.failures()).hasSize(1);
    }
}
