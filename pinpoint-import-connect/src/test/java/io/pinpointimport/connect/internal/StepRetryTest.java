package io.pinpointimport.connect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.JobRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A step's retries wait on the run's scheduler, with the run's backoff, and each is told to the run. */
class StepRetryTest {
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final List<Throwable> told = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private JobRequest request() {
        return JobRequest.builder()
                .s3Url("file:/shards/run-1/00000.csv")
                .format(ImportFormat.CSV)
                .options(JobOptions.ofDefaults())
                .retry(r -> r.maxAttempts(3)
                        .initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(40))
                        .jitter(0.0))
                .scheduler(scheduler)
                .onRetry(told::add)
                .build();
    }

    private static ImportTargetException throttled(int n) {
        return new ImportTargetException(
                "StartUploadJob failed with HTTP 429 (" + n + ")",
                ImportTargetException.Kind.THROTTLED,
                429,
                "ThrottlingException",
                null);
    }

    @Test
    void eachWaitIsScheduledOnTheRunsSchedulerAndEachRetryToldToTheRun() throws Exception {
        JobRequest request = request();
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<String> done = new StepRetry(request, Runnable::run).run("StartUploadJob", n -> {
            attempts.incrementAndGet();
            return n < 3 ? CompletableFuture.failedFuture(throttled(n)) : CompletableFuture.completedFuture("started");
        });

        assertThat(done.get(30, TimeUnit.SECONDS)).isEqualTo("started");
        assertThat(attempts).hasValue(3);
        assertThat(scheduler.delays)
                .as("one wait per retry, on the run's scheduler, with the run's backoff")
                .containsExactly(
                        request.retry().delayBefore(1).toNanos(),
                        request.retry().delayBefore(2).toNanos());
        assertThat(told)
                .as("each failed attempt that is tried again, before its wait")
                .extracting(Throwable::getMessage)
                .containsExactly("StartUploadJob failed with HTTP 429 (1)", "StartUploadJob failed with HTTP 429 (2)");
    }

    @Test
    void aLastOrPermanentFailureIsNotARetry() {
        JobRequest request = request();
        CompletableFuture<String> permanent = new StepRetry(request, Runnable::run)
                .run(
                        "StartUploadJob",
                        n -> CompletableFuture.failedFuture(new ImportTargetException(
                                "denied", ImportTargetException.Kind.PERMANENT, 403, "AccessDeniedException", null)));
        assertThatThrownBy(() -> permanent.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("denied");
        assertThat(scheduler.delays).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void noWaitOutlivesTheRunsScheduler() {
        scheduler.shutdownNow();
        CompletableFuture<String> done = new StepRetry(request(), Runnable::run)
                .run("GetUploadJob", n -> CompletableFuture.failedFuture(throttled(n)));
        assertThatThrownBy(() -> done.get(30, TimeUnit.SECONDS))
                .as("the importer closed: no attempt left to wait for")
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("HTTP 429 (1)");
    }

    /** Records the delay of every task scheduled on it. */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final List<Long> delays = new CopyOnWriteArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(unit.toNanos(delay));
            return super.schedule(command, delay, unit);
        }
    }
}
