package io.pinpointimport.bench;

import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.JobRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jobs that are complete as soon as they are created: a run measured with it waits for no service. Shared by the
 * benchmarks that measure the library's local work ({@link PipelineBench}'s serialize stage, {@link
 * ValidatingPathBench}).
 */
final class InstantTarget implements ImportTarget {
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
        return CompletableFuture.completedFuture(JobSnapshot.builder()
                .id("bench-" + ids.incrementAndGet())
                .s3Url(request.s3Url())
                .statusText("COMPLETED")
                .build());
    }

    @Override
    public CompletableFuture<JobSnapshot> getJob(String jobId) {
        return CompletableFuture.completedFuture(
                JobSnapshot.builder().id(jobId).statusText("COMPLETED").build());
    }

    @Override
    public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
