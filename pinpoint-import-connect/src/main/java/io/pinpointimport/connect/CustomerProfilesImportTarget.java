package io.pinpointimport.connect;

import io.pinpointimport.connect.internal.ProfileFile;
import io.pinpointimport.connect.internal.Sse;
import io.pinpointimport.connect.internal.StepRetry;
import io.pinpointimport.connect.internal.TargetErrors;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.JobRequest;
import io.pinpointimport.spi.ShardAccess;
import io.pinpointimport.spi.ShardContent;
import io.pinpointimport.validation.RecordCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesServiceClientConfiguration;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobPathResponse;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobResponse;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;
import software.amazon.awssdk.services.customerprofiles.model.ResultsSummary;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobItem;

/**
 * The Amazon Connect Customer Profiles {@link ImportTarget}: one upload job per shard, over the caller's
 * {@link CustomerProfilesAsyncClient}, which it never closes.
 *
 * <p>Per shard: the shard is turned into a profile upload file ({@link ProfileMapping}, CSV with plain headers) →
 * {@code CreateUploadJob} ({@code DisplayName} {@code pinpoint-import <runId> shard <nnnnn>}, {@code Fields} and
 * {@code UniqueKey} generated to match the file, {@code DataExpiry} always sent) → {@code GetUploadJobPath} → an HTTP
 * PUT of the file to the pre-signed URL with the SSE-C headers (streamed from disk, never held in memory) →
 * {@code StartUploadJob} → {@code GetUploadJob}. The library then polls {@code GetUploadJob} by the job's age, as for
 * Pinpoint. A cancelled run calls {@code StopUploadJob}. The target needs the shard's bytes
 * ({@link ShardAccess#TARGET_SENDS_CONTENT}): use it with a {@link io.pinpointimport.store.LocalShardStore} (the
 * importer makes one when no store is set); no S3 bucket is needed.
 *
 * <p><b>One job per shard.</b> Once {@code CreateUploadJob} has answered, each later step ({@code GetUploadJobPath},
 * the PUT, {@code StartUploadJob}, the first {@code GetUploadJob}) is retried on its own when throttled or on a
 * transient error, with the run's {@link JobRequest#retry()} policy (as many attempts and the same backoff as the
 * library's own calls, waits scheduled); a step that still fails is reported as
 * {@link ImportTargetException.Kind#TRANSIENT} (the job may exist), so the library looks the job up with
 * {@link #findJob(JobRequest)} before anything else: it lists the domain's upload jobs (every page) for the shard's
 * {@code DisplayName}, and a job found still {@code CREATED} gets its upload and start finished there. An upload URL
 * that expired ({@code ValidUntil} passed, or HTTP 403 from the PUT) is replaced by a new {@code GetUploadJobPath}
 * up to {@value #MAX_UPLOAD_ATTEMPTS} times.
 *
 * <p><b>Statuses and counts.</b> {@code CREATED} → {@link JobStatus#CREATED}, {@code IN_PROGRESS} →
 * {@link JobStatus#PROCESSING}, {@code SUCCEEDED} and {@code PARTIALLY_SUCCEEDED} → {@link JobStatus#COMPLETED},
 * {@code FAILED} and {@code STOPPED} → {@link JobStatus#FAILED}; the service's word stays in the snapshot's status
 * text. {@code ResultsSummary}: processed = created + updated + failed records, failures = failed records (rows,
 * and each row is one endpoint). A failed job's {@code StatusReason} is its one failure line.
 *
 * <p><b>Errors</b> map to {@link ImportTargetException.Kind}: 429 / {@code ThrottlingException} →
 * {@code THROTTLED}; 5xx, I/O errors and timeouts → {@code TRANSIENT}; a refused create speaking of a quota or limit
 * → {@code QUOTA}; other 4xx ({@code BadRequestException}, {@code AccessDeniedException},
 * {@code ResourceNotFoundException}: no such domain) → {@code PERMANENT}. The SDK's own retries are off for these
 * calls.
 *
 * <pre>{@code
 * ImportTarget target = CustomerProfilesImportTarget.builder()
 *     .client(customerProfilesAsyncClient)
 *     .domainName("my-domain")
 *     .dataExpiry(Duration.ofDays(365))
 *     .build();
 * EndpointImporter importer = EndpointImporter.builder().importTarget(target).build();
 * }</pre>
 */
public final class CustomerProfilesImportTarget implements ImportTarget {
    /** The most days {@code DataExpiry} takes: {@value}. */
    public static final int MAX_DATA_EXPIRY_DAYS = 1098;
    /** Default page size of {@code ListUploadJobs} when a job is looked up by name: {@value} (the most allowed). */
    public static final int DEFAULT_PAGE_SIZE = 500;
    /** How often an upload is tried with a fresh URL after the URL expired or the PUT was refused: {@value}. */
    public static final int MAX_UPLOAD_ATTEMPTS = 3;
    /**
     * The largest upload file: {@value} bytes. The service takes files under 1 GB; the mapped file can be a little
     * larger than the shard it comes from, so keep {@code maxShardBytes} some way under this.
     */
    public static final long MAX_UPLOAD_BYTES = 1_000_000_000L;
    /** The prefix of every job's {@code DisplayName}: {@value}. */
    public static final String DISPLAY_NAME_PREFIX = "pinpoint-import ";

    private static final Logger LOG = LoggerFactory.getLogger(CustomerProfilesImportTarget.class);

    private static final SdkPlugin NO_SDK_RETRIES = config -> {
        CustomerProfilesServiceClientConfiguration.Builder b =
                (CustomerProfilesServiceClientConfiguration.Builder) config;
        b.overrideConfiguration(b.overrideConfiguration().toBuilder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build());
    };

    private final CustomerProfilesAsyncClient client;
    private final String domainName;
    private final int dataExpiryDays;
    private final ProfileMapping mapping;
    private final HttpClient http;
    private final Executor executor;
    private final Path workDirectory;
    private final int pageSize;
    private final @Nullable Duration attemptTimeout;
    private final Duration uploadTimeout;
    private final Clock clock;

    private CustomerProfilesImportTarget(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.domainName = Objects.requireNonNull(b.domainName, "domainName");
        if (!domainName.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "domainName must be 1 to 64 letters, digits, '_' or '-', was " + domainName);
        }
        Objects.requireNonNull(
                b.dataExpiry,
                "dataExpiry (how long the service keeps the imported profiles; it"
                        + " would otherwise drop them after two weeks)");
        long days = b.dataExpiry.toDays();
        if (days < 1 || days > MAX_DATA_EXPIRY_DAYS || !b.dataExpiry.equals(Duration.ofDays(days))) {
            throw new IllegalArgumentException(
                    "dataExpiry must be whole days from 1 to " + MAX_DATA_EXPIRY_DAYS + ", was " + b.dataExpiry);
        }
        this.dataExpiryDays = (int) days;
        this.mapping = Objects.requireNonNull(b.mapping, "mapping");
        this.http = b.http != null
                ? b.http
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        this.executor = b.executor != null ? b.executor : ForkJoinPool.commonPool();
        this.workDirectory = b.workDirectory != null ? b.workDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        if (b.pageSize < 1 || b.pageSize > 500) {
            throw new IllegalArgumentException("pageSize must be from 1 to 500, was " + b.pageSize);
        }
        this.pageSize = b.pageSize;
        this.attemptTimeout = b.attemptTimeout;
        this.uploadTimeout = Objects.requireNonNull(b.uploadTimeout, "uploadTimeout");
        this.clock = Objects.requireNonNull(b.clock, "clock");
    }

    /** @return a new builder; client, domainName and dataExpiry are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the Customer Profiles domain */
    public String domainName() {
        return domainName;
    }

    /** @return how long the service keeps the profiles this target imports */
    public Duration dataExpiry() {
        return Duration.ofDays(dataExpiryDays);
    }

    /** @return the mapping from endpoints to profile rows */
    public ProfileMapping mapping() {
        return mapping;
    }

    @Override
    public ShardAccess shardAccess() {
        return ShardAccess.TARGET_SENDS_CONTENT;
    }

    @Override
    public RecordCheck recordCheck() {
        return mapping.recordCheck();
    }

    @Override
    public String describe() {
        return "customer-profiles(domain " + domainName + ")";
    }

    /**
     * The {@code DisplayName} of a request's job: the run id and shard number, by which {@link #findJob} finds it.
     *
     * @param request the request
     * @return the name, at most 255 characters
     */
    public static String displayName(JobRequest request) {
        String name;
        if (request.runId().isPresent() && request.shardNumber().isPresent()) {
            name = DISPLAY_NAME_PREFIX + request.runId().get() + " shard "
                    + String.format(Locale.ROOT, "%05d", request.shardNumber().getAsInt());
        } else {
            String url = request.s3Url();
            name = DISPLAY_NAME_PREFIX + url.substring(url.lastIndexOf('/', url.length() - 2) + 1);
        }
        return name.length() <= 255 ? name : name.substring(0, 255);
    }

    @Override
    public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
        ShardContent content;
        try {
            content = contentOf(request);
        } catch (ImportTargetException e) {
            return CompletableFuture.failedFuture(e);
        }
        String name = displayName(request);
        return withProfileFile(request, content, file -> {
            Map<String, ObjectTypeField> fields = fields(file);
            return call(
                            "CreateUploadJob",
                            true,
                            () -> client.createUploadJob(r -> r.domainName(domainName)
                                    .displayName(name)
                                    .fields(fields)
                                    .uniqueKey(ProfileFile.KEY_COLUMN)
                                    .dataExpiry(dataExpiryDays)
                                    .overrideConfiguration(this::oneAttempt)))
                    .thenCompose(created -> {
                        String jobId = created.jobId();
                        LOG.debug("Upload job {} created for {}", jobId, name);
                        // From here on the job exists: whatever fails is reported as "may exist", so that the
                        // library finds and finishes this job rather than creating a second one.
                        StepRetry steps = new StepRetry(request, executor);
                        return afterCreate(upload(steps, jobId, file, 1)
                                // a retried start may find the job started by an attempt whose answer was lost
                                .thenCompose(v ->
                                        steps.run("StartUploadJob", n -> n == 1 ? start(jobId) : startOrStarted(jobId)))
                                .thenCompose(v -> steps.run("GetUploadJob", n -> getJob(jobId))));
                    });
        });
    }

    @Override
    public CompletableFuture<JobSnapshot> getJob(String jobId) {
        return call(
                        "GetUploadJob",
                        false,
                        () -> client.getUploadJob(
                                r -> r.domainName(domainName).jobId(jobId).overrideConfiguration(this::oneAttempt)))
                .thenApply(CustomerProfilesImportTarget::toSnapshot);
    }

    /**
     * Finds the newest upload job whose {@code DisplayName} is the request's ({@link #displayName}), listing every
     * page. A job found still {@code CREATED} had its create answered (or lost) before its upload or start: both
     * are done here, with a fresh upload URL, before the job is handed back.
     */
    @Override
    public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
        String name = displayName(request);
        return findByName(name, null, null).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<JobSnapshot>empty());
            }
            UploadJobItem item = found.get();
            if (!"CREATED".equals(item.statusAsString())) {
                return getJob(item.jobId()).thenApply(Optional::of);
            }
            LOG.info("Upload job {} ({}) was created but not started: uploading and starting it", item.jobId(), name);
            ShardContent content;
            try {
                content = contentOf(request);
            } catch (ImportTargetException e) {
                return CompletableFuture.failedFuture(e);
            }
            StepRetry steps = new StepRetry(request, executor);
            return withProfileFile(
                            request,
                            content,
                            file -> afterCreate(upload(steps, item.jobId(), file, 1)
                                    .thenCompose(v -> steps.run("StartUploadJob", n -> startOrStarted(item.jobId())))
                                    .thenCompose(v -> steps.run("GetUploadJob", n -> getJob(item.jobId())))))
                    .thenApply(Optional::of);
        });
    }

    // A job found CREATED, or a start tried again, may have been started by an attempt whose answer was lost: a
    // start the service refuses (4xx) is then taken as "already started" if the job has left CREATED.
    private CompletableFuture<Void> startOrStarted(String jobId) {
        return start(jobId).exceptionallyCompose(t -> {
            ImportTargetException refused = TargetErrors.translate("StartUploadJob", false, t);
            if (refused.kind() != ImportTargetException.Kind.PERMANENT || refused.statusCode() < 400) {
                return CompletableFuture.failedFuture(refused);
            }
            return getJob(jobId)
                    .thenCompose(s -> s.status() == JobStatus.CREATED
                            ? CompletableFuture.<Void>failedFuture(refused)
                            : CompletableFuture.<Void>completedFuture(null));
        });
    }

    @Override
    public CompletableFuture<Boolean> stopJob(String jobId) {
        return call(
                        "StopUploadJob",
                        false,
                        () -> client.stopUploadJob(
                                r -> r.domainName(domainName).jobId(jobId).overrideConfiguration(this::oneAttempt)))
                .thenApply(r -> true);
    }

    private ShardContent contentOf(JobRequest request) {
        return request.content()
                .orElseThrow(() -> new ImportTargetException(
                        "The job request for "
                                + request.s3Url()
                                + " carries no shard bytes; a Customer Profiles target uploads them itself and"
                                + " needs a store that hands them back (LocalShardStore)",
                        ImportTargetException.Kind.PERMANENT,
                        0,
                        null,
                        null));
    }

    private CompletableFuture<Optional<UploadJobItem>> findByName(String name, String token, UploadJobItem best) {
        return call(
                        "ListUploadJobs",
                        false,
                        () -> client.listUploadJobs(r -> r.domainName(domainName)
                                .maxResults(pageSize)
                                .nextToken(token)
                                .overrideConfiguration(this::oneAttempt)))
                .thenCompose(page -> {
                    UploadJobItem newest = best;
                    List<UploadJobItem> items = page.hasItems() ? page.items() : List.of();
                    for (UploadJobItem item : items) {
                        if (name.equals(item.displayName())
                                && (newest == null || isAfter(item.createdAt(), newest.createdAt()))) {
                            newest = item;
                        }
                    }
                    String next = page.nextToken();
                    if (next == null || next.isEmpty() || next.equals(token)) {
                        return CompletableFuture.completedFuture(Optional.ofNullable(newest));
                    }
                    return findByName(name, next, newest);
                });
    }

    private static boolean isAfter(Instant a, Instant b) {
        return a != null && (b == null || a.isAfter(b));
    }

    // Writes the upload file on the executor (file work never runs on the caller's thread), runs the steps, and
    // deletes the file however they end.
    private <T> CompletableFuture<T> withProfileFile(
            JobRequest request, ShardContent content, Function<ProfileFile, CompletableFuture<T>> steps) {
        CompletableFuture<ProfileFile> file = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        ProfileFile f = ProfileFile.write(content, request.format(), mapping, workDirectory);
                        if (f.bytes() > MAX_UPLOAD_BYTES) {
                            Files.deleteIfExists(f.file());
                            throw new ImportTargetException(
                                    "The upload file of " + request.s3Url() + " is " + f.bytes()
                                            + " bytes after mapping, more than the service's " + MAX_UPLOAD_BYTES
                                            + "; lower"
                                            + " maxShardBytes",
                                    ImportTargetException.Kind.PERMANENT,
                                    0,
                                    null,
                                    null);
                        }
                        return f;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                executor);
        return file.handle((f, t) -> {
                    if (t != null) {
                        Throwable e = TargetErrors.unwrap(t);
                        if (e instanceof ImportTargetException ite) {
                            return CompletableFuture.<T>failedFuture(ite);
                        }
                        return CompletableFuture.<T>failedFuture(new ImportTargetException(
                                "The upload file of " + request.s3Url() + " could not be written: " + e.getMessage(),
                                ImportTargetException.Kind.PERMANENT,
                                0,
                                null,
                                e));
                    }
                    CompletableFuture<T> out;
                    try {
                        out = steps.apply(f);
                    } catch (RuntimeException e) {
                        out = CompletableFuture.failedFuture(e);
                    }
                    return out.whenComplete((v, e) -> delete(f.file()));
                })
                .thenCompose(Function.identity());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the temporary upload file {}", file, e);
        }
    }

    private static Map<String, ObjectTypeField> fields(ProfileFile file) {
        Map<String, ObjectTypeField> fields = new LinkedHashMap<>();
        fields.put(
                ProfileFile.KEY_COLUMN,
                ObjectTypeField.builder()
                        .source("_source." + ProfileFile.KEY_COLUMN)
                        .target("_profile." + ProfileMapping.KEY_FIELD)
                        .contentType("STRING")
                        .build());
        for (Map.Entry<String, String> c : file.columns().entrySet()) {
            fields.put(
                    c.getKey(),
                    ObjectTypeField.builder()
                            .source("_source." + c.getKey())
                            .target("_profile." + c.getValue())
                            .contentType(ProfileFile.contentType(c.getValue()))
                            .build());
        }
        return fields;
    }

    // After the create answered, a step whose retries ran out says "the job may exist" (TRANSIENT), even a throttle,
    // because the library would otherwise create again without looking.
    private static <T> CompletableFuture<T> afterCreate(CompletableFuture<T> steps) {
        return steps.exceptionallyCompose(t -> {
            ImportTargetException e = TargetErrors.translate("upload", false, t);
            if (e.kind() == ImportTargetException.Kind.TRANSIENT || e.kind() == ImportTargetException.Kind.PERMANENT) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.failedFuture(new ImportTargetException(
                    e.getMessage() + " (after the upload job"
                            + " was created: the job is looked up before anything is tried again)",
                    ImportTargetException.Kind.TRANSIENT,
                    e.statusCode(),
                    e.errorCode().orElse(null),
                    e));
        });
    }

    private CompletableFuture<Void> start(String jobId) {
        return call(
                        "StartUploadJob",
                        false,
                        () -> client.startUploadJob(
                                r -> r.domainName(domainName).jobId(jobId).overrideConfiguration(this::oneAttempt)))
                .thenApply(r -> (Void) null);
    }

    // GetUploadJobPath and the PUT are each retried on throttling and transient errors; an URL that expired or was
    // refused (403) is replaced by a new one, up to MAX_UPLOAD_ATTEMPTS URLs.
    private CompletableFuture<Void> upload(StepRetry steps, String jobId, ProfileFile file, int attempt) {
        return steps.run(
                        "GetUploadJobPath",
                        n -> call(
                                "GetUploadJobPath",
                                false,
                                () -> client.getUploadJobPath(r ->
                                        r.domainName(domainName).jobId(jobId).overrideConfiguration(this::oneAttempt))))
                .thenCompose(path -> {
                    if (path.validUntil() != null && !clock.instant().isBefore(path.validUntil())) {
                        return retryUpload(steps, jobId, file, attempt, "the upload URL had expired when it arrived");
                    }
                    return steps.run("The upload of job " + jobId, n -> put(jobId, path, file))
                            .thenCompose(status -> {
                                if (status == 403) {
                                    return retryUpload(
                                            steps,
                                            jobId,
                                            file,
                                            attempt,
                                            "the upload was refused (HTTP 403): the URL"
                                                    + " expired or the encryption headers were not accepted");
                                }
                                return CompletableFuture.<Void>completedFuture(null);
                            });
                });
    }

    // The status of one PUT: 2xx, or 403 (the URL is then replaced); throttling (429, S3's 503 SlowDown) and other
    // 5xx throw as worth another attempt, any other status as permanent.
    static int checkedStatus(String jobId, int status) {
        if ((status >= 200 && status < 300) || status == 403) {
            return status;
        }
        if (status == 429 || status >= 500) {
            boolean throttled = status == 429 || status == 503;
            throw new ImportTargetException(
                    "The upload of job " + jobId + " failed with HTTP " + status
                            + (throttled ? " (throttled" : " (may be temporary") + "; retried with backoff)",
                    throttled ? ImportTargetException.Kind.THROTTLED : ImportTargetException.Kind.TRANSIENT,
                    status,
                    null,
                    null);
        }
        throw new ImportTargetException(
                "The upload of job " + jobId + " was refused with HTTP " + status,
                ImportTargetException.Kind.PERMANENT,
                status,
                null,
                null);
    }

    private CompletableFuture<Void> retryUpload(
            StepRetry steps, String jobId, ProfileFile file, int attempt, String why) {
        if (attempt >= MAX_UPLOAD_ATTEMPTS) {
            return CompletableFuture.failedFuture(new ImportTargetException(
                    "The upload of job " + jobId + " failed " + attempt + " times: " + why
                            + "; check the clock of this machine and the domain's settings",
                    ImportTargetException.Kind.PERMANENT,
                    403,
                    null,
                    null));
        }
        LOG.info(
                "Upload job {}: {}; getting a new upload URL (attempt {} of {})",
                jobId,
                why,
                attempt + 1,
                MAX_UPLOAD_ATTEMPTS);
        return upload(steps, jobId, file, attempt + 1);
    }

    // The PUT streams the file from disk; the JDK client reads it as it sends, never all at once.
    private CompletableFuture<Integer> put(String jobId, GetUploadJobPathResponse path, ProfileFile file) {
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.url()))
                    .timeout(uploadTimeout)
                    .PUT(HttpRequest.BodyPublishers.ofFile(file.file()));
            Sse.headers(path.clientToken()).forEach(b::header);
            request = b.build();
        } catch (IOException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new ImportTargetException(
                    "The upload of job " + jobId + " could not be prepared: "
                            + e.getClass().getSimpleName(),
                    ImportTargetException.Kind.PERMANENT,
                    0,
                    null,
                    e));
        }
        CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        CompletableFuture<Integer> out = sent.handle((resp, t) -> {
            if (t != null) {
                throw new ImportTargetException(
                        "The upload of job " + jobId + " got no answer ("
                                + TargetErrors.unwrap(t).getClass().getSimpleName() + "; may be temporary, retried with"
                                + " backoff)",
                        ImportTargetException.Kind.TRANSIENT,
                        0,
                        null,
                        TargetErrors.unwrap(t));
            }
            LOG.debug("Upload job {}: PUT of {} bytes answered {}", jobId, file.bytes(), resp.statusCode());
            return checkedStatus(jobId, resp.statusCode());
        });
        out.whenComplete((v, t) -> {
            if (out.isCancelled()) {
                sent.cancel(true);
            }
        });
        return out;
    }

    static JobSnapshot toSnapshot(GetUploadJobResponse r) {
        if (r == null || r.jobId() == null) {
            throw new ImportTargetException(
                    "The service answered without a job id; the response could not be" + " understood",
                    ImportTargetException.Kind.TRANSIENT,
                    0,
                    null,
                    null);
        }
        JobSnapshot.Builder b = JobSnapshot.builder()
                .id(r.jobId())
                .statusText(r.statusAsString())
                .status(status(r.statusAsString()))
                .creationDate(r.createdAt() == null ? null : r.createdAt().toString())
                .completionDate(r.completedAt() == null ? null : r.completedAt().toString());
        ResultsSummary s = r.resultsSummary();
        if (s != null) {
            long created = s.createdRecords() == null ? 0 : s.createdRecords();
            long updated = s.updatedRecords() == null ? 0 : s.updatedRecords();
            long failed = s.failedRecords() == null ? 0 : s.failedRecords();
            b.totalProcessed(clamp(created + updated + failed)).totalFailures(clamp(failed));
        }
        if (r.statusReasonAsString() != null) {
            b.failures(List.of("StatusReason: " + r.statusReasonAsString()));
        }
        return b.build();
    }

    /**
     * @param text the service's upload-job status, such as {@code PARTIALLY_SUCCEEDED}
     * @return the library's status for it; {@link JobStatus#UNKNOWN} (running) for a word this library does not know
     */
    public static JobStatus status(String text) {
        if (text == null) {
            return JobStatus.UNKNOWN;
        }
        switch (text) {
            case "CREATED":
                return JobStatus.CREATED;
            case "IN_PROGRESS":
                return JobStatus.PROCESSING;
            case "SUCCEEDED":
            case "PARTIALLY_SUCCEEDED":
                return JobStatus.COMPLETED;
            case "FAILED":
            case "STOPPED":
                return JobStatus.FAILED;
            default:
                return JobStatus.UNKNOWN;
        }
    }

    private static int clamp(long n) {
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }

    private void oneAttempt(AwsRequestOverrideConfiguration.Builder o) {
        o.addPlugin(NO_SDK_RETRIES);
        if (attemptTimeout != null) {
            o.apiCallAttemptTimeout(attemptTimeout);
        }
    }

    private static <T> CompletableFuture<T> call(
            String operation, boolean create, Supplier<CompletableFuture<T>> sdkCall) {
        CompletableFuture<T> sdk;
        try {
            sdk = sdkCall.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(TargetErrors.translate(operation, create, e));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        sdk.whenComplete((v, t) -> {
            if (t == null) {
                out.complete(v);
            } else {
                out.completeExceptionally(TargetErrors.translate(operation, create, t));
            }
        });
        out.whenComplete((v, t) -> {
            if (out.isCancelled()) {
                sdk.cancel(true);
            }
        });
        return out;
    }

    /** Builds a {@link CustomerProfilesImportTarget}. */
    public static final class Builder {
        private @Nullable CustomerProfilesAsyncClient client;
        private @Nullable String domainName;
        private @Nullable Duration dataExpiry;
        private ProfileMapping mapping = ProfileMapping.ofDefaults();
        private @Nullable HttpClient http;
        private @Nullable Executor executor;
        private @Nullable Path workDirectory;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private @Nullable Duration attemptTimeout = RetryOptions.DEFAULT_ATTEMPT_TIMEOUT;
        private Duration uploadTimeout = Duration.ofMinutes(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * @param client the caller's client (region, credentials, endpoint); never closed by this library
         * @return this builder
         */
        public Builder client(@Nullable CustomerProfilesAsyncClient client) {
            this.client = client;
            return this;
        }

        /**
         * @param domainName the Customer Profiles domain; required
         * @return this builder
         */
        public Builder domainName(@Nullable String domainName) {
            this.domainName = domainName;
            return this;
        }

        /**
         * @param dataExpiry how long the service keeps the imported profiles, whole days from 1 to
         *     {@value #MAX_DATA_EXPIRY_DAYS}; required, since the service drops them after two weeks when the job does
         *     not say
         * @return this builder
         */
        public Builder dataExpiry(@Nullable Duration dataExpiry) {
            this.dataExpiry = dataExpiry;
            return this;
        }

        /**
         * @param mapping how endpoints become profile rows; default {@link ProfileMapping#ofDefaults()}
         * @return this builder
         */
        public Builder mapping(ProfileMapping mapping) {
            this.mapping = mapping;
            return this;
        }

        /**
         * @param mapping changes to the default mapping ({@link ProfileMapping#builder()})
         * @return this builder
         */
        public Builder mapping(Consumer<ProfileMapping.Builder> mapping) {
            ProfileMapping.Builder b = ProfileMapping.builder();
            mapping.accept(b);
            return mapping(b.build());
        }

        /**
         * @param http the HTTP client for the uploads to pre-signed URLs; default a new JDK client
         * @return this builder
         */
        public Builder httpClient(@Nullable HttpClient http) {
            this.http = http;
            return this;
        }

        /**
         * @param executor where upload files are written (file work); default {@link ForkJoinPool#commonPool()};
         *     never shut down by the target
         * @return this builder
         */
        public Builder executor(@Nullable Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * @param workDirectory where upload files are written before they are sent (deleted after); default
         *     {@code java.io.tmpdir}
         * @return this builder
         */
        public Builder workDirectory(@Nullable Path workDirectory) {
            this.workDirectory = workDirectory;
            return this;
        }

        /**
         * @param pageSize {@code ListUploadJobs} page size, 1 to 500; default {@value #DEFAULT_PAGE_SIZE}
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * @param attemptTimeout the bound of each API call's HTTP attempt; null for the client's own; default
         *     {@link RetryOptions#DEFAULT_ATTEMPT_TIMEOUT}
         * @return this builder
         */
        public Builder attemptTimeout(@Nullable Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /**
         * @param uploadTimeout the bound of one upload (PUT) of a shard; default 30 minutes
         * @return this builder
         */
        public Builder uploadTimeout(Duration uploadTimeout) {
            this.uploadTimeout = uploadTimeout;
            return this;
        }

        /**
         * @param clock the clock that {@code ValidUntil} is compared with; default the system's UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @return the target */
        public CustomerProfilesImportTarget build() {
            return new CustomerProfilesImportTarget(this);
        }
    }
}
