package io.pinpointimport.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.core.IntervalFunction;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.spi.JobRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void jitterSurvivesTheCap() {
        IntervalFunction ours = Backoff.cappedThenJittered(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 0.5);
        Set<Long> atCap = new HashSet<>();
        IntStream.range(0, 500).forEach(i -> atCap.add(ours.apply(30)));
        assertThat(atCap).allSatisfy(d -> assertThat(d).isBetween(100L, 300L));
        assertThat(atCap.size()).as("distinct delays at the cap").isGreaterThan(50);

        // What this composition avoids: Resilience4j's capped random backoff clamps after the jitter, so at the
        // cap every poller waits the same time.
        IntervalFunction clampedAfter =
                IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(20), 2.0, 0.5, Duration.ofMillis(200));
        Set<Long> lockstep = new HashSet<>();
        IntStream.range(0, 500).forEach(i -> lockstep.add(clampedAfter.apply(30)));
        assertThat(lockstep).containsExactly(200L);
    }

    @Test
    void zeroJitterIsPlainCappedExponential() {
        IntervalFunction f = Backoff.cappedThenJittered(Duration.ofMillis(10), 3.0, Duration.ofMillis(100), 0.0);
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(f::apply)).containsExactly(10L, 30L, 90L, 100L, 100L);
    }

    @Test
    void theRetryPolicyTargetsUseIsTheEnginesOwnBackoff() {
        RetryOptions exact = RetryOptions.builder()
                .initialDelay(Duration.ofMillis(10))
                .multiplier(3.0)
                .maxDelay(Duration.ofMillis(100))
                .jitter(0.0)
                .build();
        IntervalFunction engines = Backoff.retry(exact);
        assertThat(IntStream.rangeClosed(1, 5)
                        .mapToObj(n -> exact.delayBefore(n).toMillis()))
                .containsExactly(10L, 30L, 90L, 100L, 100L)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 5).mapToObj(engines::apply).toList());

        RetryOptions jittered = exact.toBuilder().jitter(0.5).build();
        Set<Long> atCap = new HashSet<>();
        IntStream.range(0, 200).forEach(i -> atCap.add(jittered.delayBefore(10).toMillis()));
        assertThat(atCap).allSatisfy(d -> assertThat(d).isBetween(50L, 150L));
        assertThat(atCap.size()).as("distinct waits at the cap").isGreaterThan(20);
    }

    @Test
    void aJobRequestCarriesTheRunsRetryPolicyOrTheDefaults() {
        JobRequest plain = JobRequest.builder()
                .s3Url("s3://b/p/")
                .format(ImportFormat.CSV)
                .options(o -> {})
                .build();
        assertThat(plain.retry()).isEqualTo(RetryOptions.ofDefaults());
        JobRequest tuned = plain.toBuilder().retry(r -> r.maxAttempts(9)).build();
        assertThat(tuned.retry().maxAttempts()).isEqualTo(9);
        assertThat(tuned.toBuilder().build()).isEqualTo(tuned).isNotEqualTo(plain);
    }
}
