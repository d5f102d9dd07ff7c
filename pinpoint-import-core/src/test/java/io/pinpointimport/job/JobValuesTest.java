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
        JobOptions d = JobOptions.ofDefaults();
        assertThat(d.registerEndpoints()).isTrue();
        assertThat(d.defineSegment()).isFalse();
        assertThat(d.segmentName()).isEmpty();
        assertThat(d.externalId()).isEmpty();
        JobOptions o = JobOptions.builder()
                .defineSegment(true)
                .segmentName("s")
                .segmentId("id")
                .externalId("ext-7788")
                .build();
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o).isNotEqualTo(d);
        assertThat(o.toString()).doesNotContain("7788").contains("segmentName=s");
        assertThatThrownBy(() -> JobOptions.builder().segmentName("x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defineSegment");
    }

    @Test
    void pollingDefaultsAreThePublishedConstants() {
        PollingOptions p = PollingOptions.ofDefaults();
        assertThat(p.earlyPeriod()).isEqualTo(Duration.ofMinutes(1)).isEqualTo(PollingOptions.DEFAULT_EARLY_PERIOD);
        assertThat(p.earlyInterval()).isEqualTo(Duration.ofSeconds(5)).isEqualTo(PollingOptions.DEFAULT_EARLY_INTERVAL);
        assertThat(p.ageFraction()).isEqualTo(0.08).isEqualTo(PollingOptions.DEFAULT_AGE_FRACTION);
        assertThat(p.minInterval()).isEqualTo(Duration.ofSeconds(10)).isEqualTo(PollingOptions.DEFAULT_MIN_INTERVAL);
        assertThat(p.maxInterval()).isEqualTo(Duration.ofSeconds(60)).isEqualTo(PollingOptions.DEFAULT_MAX_INTERVAL);
        assertThat(p.jitter()).isEqualTo(0.15).isEqualTo(PollingOptions.DEFAULT_JITTER);
        assertThat(PollingOptions.builder().build()).isEqualTo(p);
        // the defaults meet issue 9's targets: at most 6 s in the first minute, at most 10 % of the age after it
        assertThat(p.earlyInterval().toMillis() * (1 + p.jitter())).isLessThanOrEqualTo(6_000);
        assertThat(p.ageFraction() * (1 + p.jitter())).isLessThanOrEqualTo(0.1);
    }

    @Test
    void pollingOptionsAreValuesWithEveryFieldInEqualsAndToString() {
        PollingOptions d = PollingOptions.ofDefaults();
        PollingOptions o = PollingOptions.builder()
                .earlyPeriod(Duration.ofSeconds(30))
                .earlyInterval(Duration.ofSeconds(3))
                .ageFraction(0.05)
                .minInterval(Duration.ofSeconds(15))
                .maxInterval(Duration.ofMinutes(2))
                .jitter(0.1)
                .build();
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o.toString())
                .isEqualTo("PollingOptions{earlyPeriod=PT30S, earlyInterval=PT3S, ageFraction=0.05,"
                        + " minInterval=PT15S, maxInterval=PT2M, jitter=0.1}");
        assertThat(List.of(
                        d.toBuilder().earlyPeriod(Duration.ofSeconds(30)).build(),
                        d.toBuilder().earlyInterval(Duration.ofSeconds(3)).build(),
                        d.toBuilder().ageFraction(0.05).build(),
                        d.toBuilder().minInterval(Duration.ofSeconds(15)).build(),
                        d.toBuilder().maxInterval(Duration.ofMinutes(2)).build(),
                        d.toBuilder().jitter(0.1).build()))
                .allSatisfy(changed -> assertThat(changed).isNotEqualTo(d));
        assertThat(d.toBuilder().earlyPeriod(Duration.ZERO).build().earlyPeriod())
                .isZero();
    }

    @Test
    void pollingOptionsRefuseValuesOutOfRangeNamingTheOption() {
        assertThatThrownBy(() -> PollingOptions.builder().jitter(1.0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> PollingOptions.builder().jitter(-0.1).build()).hasMessageContaining("jitter");
        assertThatThrownBy(() -> PollingOptions.builder().ageFraction(0).build())
                .hasMessage("ageFraction must be in (0, 1], was 0.0");
        assertThatThrownBy(
                        () -> PollingOptions.builder().ageFraction(Double.NaN).build())
                .hasMessageContaining("ageFraction");
        assertThatThrownBy(() -> PollingOptions.builder().ageFraction(1.5).build())
                .hasMessageContaining("ageFraction");
        assertThatThrownBy(() -> PollingOptions.builder()
                        .earlyPeriod(Duration.ofSeconds(-1))
                        .build())
                .hasMessage("earlyPeriod must be zero or positive, was PT-1S");
        assertThatThrownBy(() ->
                        PollingOptions.builder().earlyInterval(Duration.ZERO).build())
                .hasMessage("earlyInterval must be positive, was PT0S");
        assertThatThrownBy(() -> PollingOptions.builder()
                        .minInterval(Duration.ofMillis(-5))
                        .build())
                .hasMessageContaining("minInterval must be positive");
        assertThatThrownBy(() -> PollingOptions.builder()
                        .maxInterval(Duration.ofSeconds(5))
                        .build())
                .hasMessage("maxInterval (PT5S) must be >= minInterval (PT10S)");
        assertThatThrownBy(() -> PollingOptions.builder()
                        .minInterval(Duration.ofSeconds(1))
                        .maxInterval(Duration.ofSeconds(2))
                        .build())
                .hasMessage("maxInterval (PT2S) must be >= earlyInterval (PT5S)");
        assertThatThrownBy(() -> PollingOptions.builder().maxInterval(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maxInterval");
    }

    @Test
    void retryDefaultsAreThePublishedConstants() {
        RetryOptions r = RetryOptions.ofDefaults();
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
        JobSnapshot s = JobSnapshot.builder()
                .id("j1")
                .s3Url("s3://b/p/")
                .statusText("COMPLETED")
                .totalPieces(2)
                .completedPieces(2)
                .failedPieces(0)
                .totalProcessed(10)
                .totalFailures(1)
                .failures(List.of("line 4: Missing Address for someone@example.com"))
                .build();
        assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        assertThat(s.toString()).doesNotContain("example.com").contains("failureLines=1");
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        ImportResult r = ImportResult.builder()
                .s3Url("s3://b/p/")
                .job(s)
                .shardNumber(3)
                .recordsSubmitted(11)
                .queuedAt(t)
                .startedAt(t.plusSeconds(1))
                .createdAt(t.plusSeconds(2))
                .finishedAt(t.plusSeconds(9))
                .build();
        assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(r.toBuilder().adopted(true).build()).isNotEqualTo(r);
        assertThat(r.waitTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.runTime()).isEqualTo(Duration.ofSeconds(8));
        assertThat(r.toString()).doesNotContain("example.com");
        assertThat(r.toBuilder()
                        .job(j -> j.id("j1")
                                .s3Url("s3://b/p/")
                                .statusText("COMPLETED")
                                .totalPieces(2)
                                .completedPieces(2)
                                .failedPieces(0)
                                .totalProcessed(10)
                                .totalFailures(1)
                                .failures(List.of("line 4: Missing Address for someone@example.com")))
                        .build())
                .as("the Consumer overload builds the same snapshot")
                .isEqualTo(r);
        ImportJobFailedException e = new ImportJobFailedException(
                r.toBuilder().job(s.toBuilder().statusText("FAILED").build()).build());
        assertThat(e.getMessage()).contains("j1").contains("s3://b/p/").doesNotContain("example.com");
        assertThat(e.failures()).hasSize(1);
    }
}
