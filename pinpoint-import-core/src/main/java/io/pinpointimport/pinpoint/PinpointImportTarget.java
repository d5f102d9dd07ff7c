package io.pinpointimport.pinpoint;

import static io.pinpointimport.internal.Futures.unwrap;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.JobRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.PinpointServiceClientConfiguration;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobRequest;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobsResponse;

/**
 * The Amazon Pinpoint {@link ImportTarget}: {@code CreateImportJob}, {@code GetImportJob} and {@code GetImportJobs}
 * over the caller's {@link PinpointAsyncClient}, which it never closes.
 *
 * <p>Every call goes out with the SDK's automatic retries switched off for that request (a per-request plugin sets
 * the retry strategy to one attempt; the client itself is not changed), so that the library's own retries are the
 * only ones and a create is never repeated behind its back. {@link #builder()}'s {@code attemptTimeout} bounds each
 * HTTP attempt ({@code apiCallAttemptTimeout}).
 *
 * <p>Errors map to {@link ImportTargetException.Kind}: 429 / {@code TooManyRequestsException} is
 * {@code THROTTLED}; a refused create whose message speaks of a quota, limit or concurrent/active jobs is
 * {@code QUOTA} (the service does not document how it refuses past the active-job quota); 5xx, I/O errors and
 * timeouts are {@code TRANSIENT}; other 4xx are {@code PERMANENT}.
 *
 * <pre>{@code
 * ImportTarget target = PinpointImportTarget.builder()
 *     .client(pinpointAsyncClient)
 *     .applicationId("1234567890abcdef1234567890abcdef")
 *     .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
 *     .build();
 * }</pre>
 */
public final class PinpointImportTarget implements ImportTarget {
    /** Default page size for {@code GetImportJobs} when looking a job up by URL: {@value}. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    private static final SdkPlugin NO_SDK_RETRIES = config -> {
        PinpointServiceClientConfiguration.Builder b = (PinpointServiceClientConfiguration.Builder) config;
        b.overrideConfiguration(b.overrideConfiguration().toBuilder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build());
    };

    private final PinpointAsyncClient client;
    private final String applicationId;
    private final String roleArn;
    private final int pageSize;
    private final Duration attemptTimeout;

    private PinpointImportTarget(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.applicationId = requireText(b.applicationId, "applicationId");
        this.roleArn = requireText(b.roleArn, "roleArn");
        if (b.pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1, was " + b.pageSize);
        }
        this.pageSize = b.pageSize;
        this.attemptTimeout = b.attemptTimeout;
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** @return a new builder; client, applicationId and roleArn are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the Pinpoint application (project) id */
    public String applicationId() {
        return applicationId;
    }

    /** @return the role the service assumes to read the shards */
    public String roleArn() {
        return roleArn;
    }

    @Override
    public String describe() {
        return "pinpoint(app " + applicationId + ")";
    }

    @Override
    public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
        JobOptions o = request.options();
        ImportJobRequest.Builder body = ImportJobRequest.builder()
                .s3Url(request.s3Url())
                .roleArn(roleArn)
                .format(request.format() == ImportFormat.CSV ? Format.CSV : Format.JSON)
                .registerEndpoints(o.registerEndpoints());
        if (o.defineSegment()) {
            body.defineSegment(true);
            o.segmentName().ifPresent(body::segmentName);
        }
        o.segmentId().ifPresent(body::segmentId);
        o.externalId().ifPresent(body::externalId);
        return call(
                        "CreateImportJob",
                        true,
                        () -> client.createImportJob(r -> r.applicationId(applicationId)
                                .importJobRequest(body.build())
                                .overrideConfiguration(this::oneAttempt)))
                .thenApply(resp -> toSnapshot(resp.importJobResponse()));
    }

    @Override
    public CompletableFuture<JobSnapshot> getJob(String jobId) {
        return call(
                        "GetImportJob",
                        false,
                        () -> client.getImportJob(r ->
                                r.applicationId(applicationId).jobId(jobId).overrideConfiguration(this::oneAttempt)))
                .thenApply(resp -> toSnapshot(resp.importJobResponse()));
    }

    /** Finds the newest job whose {@code S3Url} is the request's {@link JobRequest#s3Url()}. */
    @Override
    public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
        return findJob(request.s3Url(), null, null);
    }

    private CompletableFuture<Optional<JobSnapshot>> findJob(String s3Url, String token, JobSnapshot bestSoFar) {
        return call(
                        "GetImportJobs",
                        false,
                        () -> client.getImportJobs(r -> r.applicationId(applicationId)
                                .pageSize(Integer.toString(pageSize))
                                .token(token)
                                .overrideConfiguration(this::oneAttempt)))
                .thenCompose(resp -> {
                    ImportJobsResponse page = resp.importJobsResponse();
                    JobSnapshot best = bestSoFar;
                    List<ImportJobResponse> items = page == null || !page.hasItem() ? List.of() : page.item();
                    for (ImportJobResponse item : items) {
                        if (item.definition() != null
                                && s3Url.equals(item.definition().s3Url())) {
                            JobSnapshot found = toSnapshot(item);
                            best = newer(best, found);
                        }
                    }
                    String next = page == null ? null : page.nextToken();
                    if (next == null || next.isEmpty() || next.equals(token)) {
                        return CompletableFuture.completedFuture(Optional.ofNullable(best));
                    }
                    return findJob(s3Url, next, best);
                });
    }

    private static JobSnapshot newer(JobSnapshot a, JobSnapshot b) {
        if (a == null) {
            return b;
        }
        Comparator<JobSnapshot> byCreation =
                Comparator.comparing(s -> s.creationDate().orElse(""));
        return byCreation.compare(b, a) > 0 ? b : a;
    }

    private void oneAttempt(AwsRequestOverrideConfiguration.Builder o) {
        o.addPlugin(NO_SDK_RETRIES);
        if (attemptTimeout != null) {
            o.apiCallAttemptTimeout(attemptTimeout);
        }
    }

    private static JobSnapshot toSnapshot(ImportJobResponse r) {
        if (r == null || r.id() == null) {
            throw new ImportTargetException(
                    "The service answered without a job id; the response could not be" + " understood",
                    ImportTargetException.Kind.TRANSIENT,
                    0,
                    null,
                    null);
        }
        return JobSnapshot.builder()
                .id(r.id())
                .s3Url(r.definition() == null ? null : r.definition().s3Url())
                .statusText(r.jobStatusAsString())
                .totalPieces(r.totalPieces())
                .completedPieces(r.completedPieces())
                .failedPieces(r.failedPieces())
                .totalProcessed(r.totalProcessed())
                .totalFailures(r.totalFailures())
                .failures(r.hasFailures() ? r.failures() : List.of())
                .creationDate(r.creationDate())
                .completionDate(r.completionDate())
                .build();
    }

    private <T> CompletableFuture<T> call(String operation, boolean create, Supplier<CompletableFuture<T>> sdkCall) {
        CompletableFuture<T> sdk;
        try {
            sdk = sdkCall.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(operation, create, e));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        sdk.whenComplete((v, t) -> {
            if (t == null) {
                out.complete(v);
            } else {
                out.completeExceptionally(translate(operation, create, t));
            }
        });
        // Cancelling what we hand out aborts the HTTP request as well.
        out.whenComplete((v, t) -> {
            if (out.isCancelled()) {
                sdk.cancel(true);
            }
        });
        return out;
    }

    static ImportTargetException translate(String operation, boolean create, Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof ImportTargetException ite) {
            return ite;
        }
        if (e instanceof AwsServiceException ase) {
            int status = ase.statusCode();
            String code =
                    ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            String text =
                    ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
            boolean throttled = status == 429 || "TooManyRequestsException".equals(code);
            ImportTargetException.Kind kind;
            if (create && status >= 400 && status < 500 && speaksOfQuota(text, throttled)) {
                kind = ImportTargetException.Kind.QUOTA;
            } else if (throttled) {
                kind = ImportTargetException.Kind.THROTTLED;
            } else if (status >= 500) {
                kind = ImportTargetException.Kind.TRANSIENT;
            } else {
                kind = ImportTargetException.Kind.PERMANENT;
            }
            return new ImportTargetException(
                    operation + " failed with HTTP " + status + (code == null ? "" : " " + code)
                            + (text == null ? "" : ": " + text) + advice(kind),
                    kind,
                    status,
                    code,
                    ase);
        }
        if (e instanceof ApiCallAttemptTimeoutException
                || e instanceof ApiCallTimeoutException
                || hasCause(e, IOException.class)
                || hasCause(e, TimeoutException.class)) {
            return new ImportTargetException(
                    operation + " got no answer (" + e.getClass().getSimpleName() + ")"
                            + advice(ImportTargetException.Kind.TRANSIENT),
                    ImportTargetException.Kind.TRANSIENT,
                    0,
                    null,
                    e);
        }
        if (e instanceof SdkClientException && e.getCause() == null) {
            // The SDK's own client-side errors without a cause are I/O trouble reported as text (connection reset,
            // unable to execute request); local validation errors do not reach here because the library builds
            // every request itself.
            return new ImportTargetException(
                    operation + " failed on the client side: " + e.getMessage()
                            + advice(ImportTargetException.Kind.TRANSIENT),
                    ImportTargetException.Kind.TRANSIENT,
                    0,
                    null,
                    e);
        }
        return new ImportTargetException(
                operation + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                ImportTargetException.Kind.PERMANENT,
                0,
                null,
                e);
    }

    private static String advice(ImportTargetException.Kind kind) {
        switch (kind) {
            case THROTTLED:
                return " (throttled; retried with backoff)";
            case QUOTA:
                return " (the account's active import-job quota is full; retried later)";
            case TRANSIENT:
                return " (may be temporary; retried with backoff)";
            default:
                return " (check the application id, the role ARN and the request)";
        }
    }

    private static boolean speaksOfQuota(String text, boolean throttled) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("quota")
                || t.contains("concurrent")
                || t.contains("active import")
                || t.contains("active job")) {
            return true;
        }
        // A plain throttle says "rate exceeded" or "TooManyRequests"; only a non-throttle 4xx may say "limit".
        return !throttled && t.contains("limit");
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** Builds a {@link PinpointImportTarget}. */
    public static final class Builder {
        private PinpointAsyncClient client;
        private String applicationId;
        private String roleArn;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Duration attemptTimeout = RetryOptions.DEFAULT_ATTEMPT_TIMEOUT;

        private Builder() {}

        /**
         * @param client the caller's client (region, credentials, endpoint); never closed by this library
         * @return this builder
         */
        public Builder client(PinpointAsyncClient client) {
            this.client = client;
            return this;
        }

        /**
         * @param applicationId the Pinpoint project id
         * @return this builder
         */
        public Builder applicationId(String applicationId) {
            this.applicationId = applicationId;
            return this;
        }

        /**
         * @param roleArn the IAM role Pinpoint assumes to read the shards
         * @return this builder
         */
        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /**
         * @param pageSize the {@code page-size} of {@code GetImportJobs}; default {@value #DEFAULT_PAGE_SIZE}
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * @param attemptTimeout timeout of one HTTP attempt, or null for the client's; default 30 s
         * @return this builder
         */
        public Builder attemptTimeout(@Nullable Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /** @return the target */
        public PinpointImportTarget build() {
            return new PinpointImportTarget(this);
        }
    }
}
