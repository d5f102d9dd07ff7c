package io.pinpointimport.testkit.wiremock;

import io.pinpointimport.emulator.pinpoint.ImportJobJson;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;

/**
 * Ready-made import jobs, as the SDK's own {@link ImportJobResponse}, for stub answers; and their wire JSON.
 * Each factory returns a plain SDK value, so a test can adjust any member with {@code toBuilder()}.
 *
 * <pre>{@code
 * ImportJobResponse created = ImportJobs.created("app-1");
 * ImportJobResponse done = ImportJobs.completed(created, 1_000);
 * ImportJobResponse partly = ImportJobs.completedWithRowFailures(created, 1_000,
 *         List.of("s3://bucket/imports/part-0001.csv line 17: Missing Address"), 1);
 * String body = ImportJobs.toJson(done);   // the bare ImportJobResponse the service sends
 * }</pre>
 */
public final class ImportJobs {
    /** Role ARN of {@link #defaultDefinition()}: {@value}. */
    public static final String DEFAULT_ROLE_ARN = "arn:aws:iam::123456789012:role/PinpointImport";
    /** S3 URL of {@link #defaultDefinition()}: {@value}. */
    public static final String DEFAULT_S3_URL = "s3://pinpoint-import-testkit/imports/";
    /** Rows {@link #withStatus} reports as processed when the job does not say: {@value}. */
    public static final int DEFAULT_TOTAL_PROCESSED = 100;
    /** The service's cap on {@code Failures} entries: {@value}. */
    public static final int MAX_FAILURE_LINES = 100;

    private ImportJobs() {}

    /** @return a new job id: 32 lower-case hex characters, as the service's */
    public static String newJobId() {
        return ImportJobJson.newJobId();
    }

    /**
     * @return a CSV import of {@link #DEFAULT_S3_URL} with {@link #DEFAULT_ROLE_ARN} that registers the endpoints
     */
    public static ImportJobResource defaultDefinition() {
        return ImportJobResource.builder()
                .format(Format.CSV)
                .s3Url(DEFAULT_S3_URL)
                .roleArn(DEFAULT_ROLE_ARN)
                .registerEndpoints(true)
                .build();
    }

    /**
     * @param applicationId the application
     * @return a new job with a fresh id and {@link #defaultDefinition()}, as CreateImportJob answers it
     */
    public static ImportJobResponse created(String applicationId) {
        return created(applicationId, newJobId(), defaultDefinition());
    }

    /**
     * A job as CreateImportJob answers it: {@code CREATED}, type {@code IMPORT}, created now, no counters.
     *
     * @param applicationId the application
     * @param jobId the job id
     * @param definition the job's settings, as the request gave them
     * @return the job
     */
    public static ImportJobResponse created(String applicationId, String jobId, ImportJobResource definition) {
        return ImportJobResponse.builder()
                .applicationId(Objects.requireNonNull(applicationId, "applicationId"))
                .id(Objects.requireNonNull(jobId, "jobId"))
                .definition(Objects.requireNonNull(definition, "definition"))
                .jobStatus(JobStatus.CREATED)
                .type(ImportJobJson.TYPE_IMPORT)
                .creationDate(ImportJobJson.date(Instant.now()))
                .build();
    }

    /**
     * The job moved to a status, with counters that fit it: while running, one piece with nothing processed
     * ({@code PROCESSING} and {@code COMPLETING}: half the rows); at {@code COMPLETED} every piece done, the rows
     * processed ({@link #DEFAULT_TOTAL_PROCESSED} unless the job already says), no failures and a completion date;
     * at {@code FAILED} the piece failed and a completion date is set. Members the job already has are kept where
     * they still fit.
     *
     * @param job the job
     * @param status the new status
     * @return the job in that status
     */
    public static ImportJobResponse withStatus(ImportJobResponse job, JobStatus status) {
        Objects.requireNonNull(status, "status");
        int total = job.totalProcessed() != null && job.totalProcessed() > 0
                ? job.totalProcessed()
                : DEFAULT_TOTAL_PROCESSED;
        ImportJobResponse.Builder b = job.toBuilder().jobStatus(status).totalPieces(1);
        switch (status) {
            case COMPLETED ->
                b.completedPieces(1)
                        .failedPieces(0)
                        .totalProcessed(total)
                        .totalFailures(job.totalFailures() == null ? 0 : job.totalFailures())
                        .completionDate(ImportJobJson.date(Instant.now()));
            case FAILED ->
                b.completedPieces(0)
                        .failedPieces(1)
                        .totalProcessed(job.totalProcessed() == null ? 0 : job.totalProcessed())
                        .totalFailures(job.totalFailures() == null ? 0 : job.totalFailures())
                        .completionDate(ImportJobJson.date(Instant.now()));
            case PROCESSING, COMPLETING, FAILING ->
                b.completedPieces(0)
                        .failedPieces(0)
                        .totalProcessed(total / 2)
                        .totalFailures(0)
                        .completionDate(null);
            default ->
                b.completedPieces(0)
                        .failedPieces(0)
                        .totalProcessed(0)
                        .totalFailures(0)
                        .completionDate(null);
        }
        return b.build();
    }

    /**
     * @param job the job
     * @param processed rows processed, all imported
     * @return the job {@code COMPLETED} without failures
     */
    public static ImportJobResponse completed(ImportJobResponse job, int processed) {
        return withStatus(
                job.toBuilder()
                        .totalProcessed(processed)
                        .totalFailures(0)
                        .failures((List<String>) null)
                        .build(),
                JobStatus.COMPLETED);
    }

    /**
     * A job that finished with bad rows: the service leaves such a job {@code COMPLETED} and lists the first 100
     * failures.
     *
     * @param job the job
     * @param processed rows processed, good and bad
     * @param failures the failure lines, at most {@link #MAX_FAILURE_LINES}
     * @param totalFailures how many rows failed in all (at least {@code failures.size()})
     * @return the job {@code COMPLETED} with row failures
     */
    public static ImportJobResponse completedWithRowFailures(
            ImportJobResponse job, int processed, List<String> failures, int totalFailures) {
        checkFailures(failures, totalFailures);
        return withStatus(
                job.toBuilder()
                        .totalProcessed(processed)
                        .totalFailures(totalFailures)
                        .failures(failures)
                        .build(),
                JobStatus.COMPLETED);
    }

    /**
     * A job whose piece could not be processed: {@code FAILED}, with the service's failure lines.
     *
     * @param job the job
     * @param failures the failure lines, at most {@link #MAX_FAILURE_LINES}
     * @return the job {@code FAILED}
     */
    public static ImportJobResponse failed(ImportJobResponse job, List<String> failures) {
        checkFailures(failures, failures.size());
        return withStatus(
                job.toBuilder()
                        .totalFailures(failures.size())
                        .failures(failures)
                        .build(),
                JobStatus.FAILED);
    }

    /**
     * @param job a job
     * @return its body on the wire: the bare {@code ImportJobResponse} object
     */
    public static String toJson(ImportJobResponse job) {
        return ImportJobJson.importJob(job);
    }

    /**
     * @param jobs one page of jobs
     * @param nextToken the next page's token, or {@code null} on the last page
     * @return the body on the wire: the bare {@code ImportJobsResponse} object
     */
    public static String toJson(List<ImportJobResponse> jobs, @Nullable String nextToken) {
        return ImportJobJson.importJobs(jobs, nextToken);
    }

    private static void checkFailures(List<String> failures, int totalFailures) {
        Objects.requireNonNull(failures, "failures");
        if (failures.size() > MAX_FAILURE_LINES) {
            throw new IllegalArgumentException(
                    "failures: the service lists at most " + MAX_FAILURE_LINES + " lines, got " + failures.size());
        }
        if (totalFailures < failures.size()) {
            throw new IllegalArgumentException("totalFailures (" + totalFailures
                    + ") must be at least the number of failure lines (" + failures.size() + ")");
        }
    }
}
