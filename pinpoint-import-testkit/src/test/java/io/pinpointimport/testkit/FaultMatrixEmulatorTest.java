package io.pinpointimport.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.CreateImportJobRequest;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.GetImportJobRequest;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fault matrix of the reliability issue: whole runs (the real {@link EndpointImporter}, {@link S3ShardStore} and
 * {@link PinpointAsyncClient}) against the emulator and the in-process S3 while things fail. No sleeps: every wait is
 * on a future; the only time checks are lower bounds on the gaps between retries.
 */
class FaultMatrixEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String BUCKET = "matrix";
    private static final long PART_SIZE = 5L << 20;
    /** Fixed so that a failure is reproducible: the same requests fail in the same order for the same run. */
    private static final long FAULT_SEED = 8_2026L;

    static LocalS3 localS3;
    static PinpointEmulator emulator;
    static PinpointAsyncClient pinpoint;
    static S3Client s3Direct;

    String app;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        localS3 = LocalS3.start();
        localS3.createBucket(BUCKET);
        emulator = PinpointEmulator.builder().s3(localS3).start();
        pinpoint = emulator.newAsyncClient();
        s3Direct = localS3.newClient();
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        s3Direct.close();
        emulator.close();
        localS3.close();
    }

    @BeforeEach
    void app() {
        app = emulator.createApp("matrix");
    }

    @AfterEach
    void reset() {
        emulator.reset();
    }

    private EndpointImporter.Builder importer(PinpointAsyncClient client, S3ShardStore store, ImportFormat format) {
        return EndpointImporter.builder()
                .pinpoint(client)
                .applicationId(app)
                .roleArn(ROLE)
                .shardStore(store)
                .format(format)
                .jobOptions(o -> o.registerEndpoints(true))
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)));
    }

    private static ImportSummary run(EndpointImporter.Builder builder, List<EndpointDefinition> input)
            throws Exception {
        try (EndpointImporter importer = builder.build()) {
            ImportRun run = importer.importEndpoints(input);
            return run.summary().get(120, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------------------------------ S3 failures

    /**
     * Answers one request in five with a failure instead of S3's answer, drawn from a seeded {@link Random}: a 500
     * {@code InternalError}, a 503 {@code SlowDown} (each with S3's XML error body) or a connection reset. On top,
     * the first {@value #FORCED} uploads of part 2 of a {@code .../00000/part.json} object fail, more than the S3
     * client's own attempts, so that the shard store has to upload that shard again.
     */
    static final class FaultyS3 implements ResponseDefinitionTransformerV2 {
        enum Kind {
            INTERNAL_ERROR,
            SLOW_DOWN,
            RESET
        }

        /** The S3 client's default retry strategy sends a request at most 4 times. */
        static final int FORCED = 4;

        private final Random random = new Random(FAULT_SEED);
        private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
        private int requests;
        private int forced;

        @Override
        public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
            requests++;
            String url = serveEvent.getRequest().getUrl();
            if (forced < FORCED && url.contains("/00000/part.json?") && url.contains("partNumber=2")) {
                forced++;
                return s3Error(500, "InternalError", "We encountered an internal error. Please try again.")
                        .build();
            }
            if (random.nextInt(5) != 0) {
                return serveEvent.getResponseDefinition();
            }
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            injected.merge(kind, 1, Integer::sum);
            ResponseDefinitionBuilder failure = switch (kind) {
                case INTERNAL_ERROR ->
                    s3Error(500, "InternalError", "We encountered an internal error. Please try again.");
                case SLOW_DOWN -> s3Error(503, "SlowDown", "Please reduce your request rate.");
                case RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            };
            return failure.build();
        }

        private static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/xml")
                    .withHeader("x-amz-request-id", "FAULT" + status)
                    .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                            + message + "</Message><RequestId>FAULT" + status + "</RequestId></Error>");
        }

        synchronized Map<Kind, Integer> injected() {
            return new EnumMap<>(injected);
        }

        synchronized int requests() {
            return requests;
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "faulty-s3";
        }
    }

    /**
     * One S3 request in five fails (500 {@code InternalError}, 503 {@code SlowDown} or a connection reset) between
     * the importer and the S3 server, for a run of small shards (one {@code PutObject} each) and a run of shards
     * above the multipart threshold (5 MB parts). The S3 client keeps the SDK's default retries; when it gives up on
     * a put or a part, {@link S3ShardStore} stores the shard again. Both runs complete, and every record lands once:
     * one job per shard, each shard's object stored once under its key, the jobs' {@code TotalProcessed} adding up
     * to the input and every endpoint readable.
     */
    @Test
    void oneS3RequestInFiveFailsAndEveryRecordStillLandsOnce() throws Exception {
        FaultyS3 faults = new FaultyS3();
        WireMockServer proxy = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .preserveHostHeader(true)
                .extensions(faults));
        proxy.start();
        try (S3AsyncClient s3 = S3AsyncClient.builder()
                .endpointOverride(URI.create(proxy.baseUrl()))
                .forcePathStyle(true)
                .multipartEnabled(true)
                .multipartConfiguration(c -> c.minimumPartSizeInBytes(PART_SIZE).thresholdInBytes(PART_SIZE))
                .region(localS3.region())
                .credentialsProvider(localS3.credentialsProvider())
                .build()) {
            proxy.stubFor(any(anyUrl())
                    .willReturn(aResponse().proxiedFrom(localS3.endpoint().toString())));
            S3ShardStore store = S3ShardStore.builder()
                    .s3(s3)
                    .bucket(BUCKET)
                    .prefix("flaky/")
                    .retry(r -> r.initialDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(200)))
                    .build();

            List<EndpointDefinition> small =
                    EndpointFixtures.builder().seed(81).ids(true).build().list(400);
            ImportSummary smallRun =
                    run(importer(pinpoint, store, ImportFormat.CSV).maxRecordsPerShard(40), small);
            assertLandedOnce(smallRun, small, 10);

            List<EndpointDefinition> large = large(3_600);
            ImportSummary largeRun =
                    run(importer(pinpoint, store, ImportFormat.JSON).maxShardBytes(6L << 20), large);
            assertLandedOnce(largeRun, large, 3);
            long multipartShards = s3Direct
                    .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("flaky/" + largeRun.runId() + "/"))
                    .contents()
                    .stream()
                    .filter(o -> o.size() > PART_SIZE)
                    .count();
            assertThat(multipartShards)
                    .as("shards above the multipart threshold")
                    .isGreaterThanOrEqualTo(2);
            // the forced part failures outlasted the client's retries: the upload was aborted and the shard
            // uploaded again by the store
            String firstShard = "/" + BUCKET + "/flaky/" + largeRun.runId() + "/00000/part.json";
            List<LoggedRequest> logged = proxy.getAllServeEvents().stream()
                    .map(ServeEvent::getRequest)
                    .filter(r -> r.getUrl().startsWith(firstShard + "?"))
                    .map(LoggedRequest.class::cast)
                    .toList();
            assertThat(logged)
                    .filteredOn(r -> r.getMethod().equals(RequestMethod.POST)
                            && r.getUrl().contains("?uploads")
                            && !r.getUrl().contains("uploadId"))
                    .as("CreateMultipartUpload of shard 0")
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(logged)
                    .filteredOn(r -> r.getMethod().equals(RequestMethod.DELETE))
                    .as("AbortMultipartUpload of shard 0")
                    .isNotEmpty();

            assertThat(faults.requests()).isGreaterThan(40);
            Map<FaultyS3.Kind, Integer> injected = faults.injected();
            assertThat(injected.keySet())
                    .as("every kind of failure was injected: %s", injected)
                    .containsExactlyInAnyOrder(FaultyS3.Kind.values());
            // no multipart upload was left behind: every failed one was aborted or completed later
            assertThat(s3Direct.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                    .isEmpty();
        } finally {
            proxy.stop();
        }
    }

    /** Endpoints of about 4 KB each (an attribute with 40 values of 90 characters), so a few make a big shard. */
    private static List<EndpointDefinition> large(int count) {
        List<EndpointDefinition> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<String> values = new ArrayList<>();
            for (int v = 0; v < 40; v++) {
                String head = "r" + i + "v" + v + "-";
                values.add(head + "x".repeat(90 - head.length()));
            }
            list.add(EndpointDefinition.builder()
                    .id("large-" + i)
                    .channelType(ChannelType.EMAIL)
                    .address("large-" + i + "@example.com")
                    .attribute("Notes", values)
                    .build());
        }
        return list;
    }

    private void assertLandedOnce(ImportSummary s, List<EndpointDefinition> input, int minShards) {
        assertThat(s.jobErrors()).isEmpty();
        assertThat(s.recordsSubmitted()).isEqualTo(input.size());
        assertThat(s.shards())
                .isGreaterThanOrEqualTo(minShards)
                .isEqualTo(s.results().size());
        int shards = s.shards();
        assertThat(s.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(JobStatus.COMPLETED));
        assertThat(s.serviceProcessed()).isEqualTo(input.size());
        assertThat(s.serviceFailed()).isZero();
        // the service's view: one job per shard URL, and their rows add up to the input
        List<ImportJobResponse> jobs = jobsOf(s.runId());
        assertThat(jobs)
                .extracting(j -> j.definition().s3Url())
                .doesNotHaveDuplicates()
                .hasSize(shards)
                .containsExactlyInAnyOrderElementsOf(
                        s.results().stream().map(ImportResult::s3Url).toList());
        assertThat(jobs.stream().mapToLong(ImportJobResponse::totalProcessed).sum())
                .isEqualTo(input.size());
        // S3: one object per shard
        assertThat(s3Direct.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("flaky/" + s.runId() + "/"))
                        .contents())
                .hasSize(shards);
        // every endpoint of small runs, every 7th of large ones (their jobs' counts above cover the rest)
        int step = input.size() > 1_000 ? 7 : 1;
        List<EndpointDefinition> sample = new ArrayList<>();
        for (int i = 0; i < input.size(); i += step) {
            sample.add(input.get(i));
        }
        sample.add(input.get(input.size() - 1));
        assertThat(missing(sample)).as("endpoints not found").isEmpty();
    }

    private List<ImportJobResponse> jobsOf(String runId) {
        return pinpoint
                .getImportJobs(b -> b.applicationId(app).pageSize("1000"))
                .join()
                .importJobsResponse()
                .item()
                .stream()
                .filter(j -> j.definition().s3Url().contains("/" + runId + "/"))
                .toList();
    }

    /** @return the ids of input endpoints the emulator does not have */
    private List<String> missing(List<EndpointDefinition> input) {
        List<CompletableFuture<String>> lookups = input.stream()
                .map(d -> pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                        .handle((r, e) -> e == null ? null : d.id()))
                .toList();
        return lookups.stream()
                .map(CompletableFuture::join)
                .filter(id -> id != null)
                .toList();
    }

    // ------------------------------------------------------------------------------------ Pinpoint bursts

    /** One HTTP attempt of a Pinpoint call as the client sent it. */
    static final class Attempt {
        final String operation;
        final String key;
        final long sentNanos;
        volatile int status;

        Attempt(String operation, String key, long sentNanos) {
            this.operation = operation;
            this.key = key;
            this.sentNanos = sentNanos;
        }

        boolean failed() {
            return status == 0 || status == 429 || status >= 500;
        }
    }

    /** Records every transmission of CreateImportJob (by S3Url) and GetImportJob (by job id). */
    static final class AttemptRecorder implements ExecutionInterceptor {
        static final ExecutionAttribute<Attempt> ATTEMPT = new ExecutionAttribute<>("fault-matrix-attempt");
        final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            String key;
            if (context.request() instanceof CreateImportJobRequest create) {
                key = create.importJobRequest().s3Url();
            } else if (context.request() instanceof GetImportJobRequest get) {
                key = get.jobId();
            } else {
                return;
            }
            Attempt attempt =
                    new Attempt(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), key, System.nanoTime());
            attributes.putAttribute(ATTEMPT, attempt);
            attempts.add(attempt);
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            Attempt attempt = attributes.getAttribute(ATTEMPT);
            if (attempt != null) {
                attempt.status = context.httpResponse().statusCode();
            }
        }
    }

    /**
     * Bursts of 429 {@code TooManyRequestsException} and 500 {@code InternalServerErrorException} on
     * {@code CreateImportJob} and {@code GetImportJob} (four in a row on each: two 429s, then two 500s): the run
     * completes with one job per shard. Checked on every call, as the client sent it (an interceptor records each
     * transmission with its status, keyed by S3Url for creates and by job id for checks):
     * <ul>
     *   <li>attempts: at most {@link RetryOptions#maxAttempts()} transmissions in a row for one call, that is at
     *       most {@code maxAttempts - 1} failures before a success (the library turns the SDK's own retries off, so
     *       it alone decides);</li>
     *   <li>backoff: after the k-th failure in a row, the next transmission for the same S3Url or job id comes at
     *       least {@code min(initialDelay × multiplier^(k-1), maxDelay) × (1 - jitter)} later, the documented
     *       smallest wait. A 429 may be taken as the active-job quota, waited out with {@code quotaRetryDelay};
     *       so the bound used is the smaller of that wait and {@code quotaRetryDelay × (1 - jitter)}.</li>
     * </ul>
     * Only lower bounds on time are checked (a slow machine makes gaps longer, never shorter).
     */
    @Test
    void burstsOf429And500OnCreateAndGetStayWithinTheRetryBounds() throws Exception {
        RetryOptions retry = RetryOptions.builder()
                .maxAttempts(5)
                .initialDelay(Duration.ofMillis(100))
                .multiplier(2.0)
                .maxDelay(Duration.ofMillis(800))
                .jitter(0.5)
                .quotaRetryDelay(Duration.ofMillis(400))
                .build();
        AttemptRecorder recorder = new AttemptRecorder();
        emulator.faults()
                .throttleNext(Operation.CREATE_IMPORT_JOB, 2)
                .serverErrorNext(Operation.CREATE_IMPORT_JOB, 2)
                .throttleNext(Operation.GET_IMPORT_JOB, 2)
                .serverErrorNext(Operation.GET_IMPORT_JOB, 2);
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(82).ids(true).build().list(120);

        ImportSummary s;
        try (PinpointAsyncClient recorded = emulator.asyncClientBuilder()
                        .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                        .build();
                S3AsyncClient s3 = localS3.newAsyncClient()) {
            S3ShardStore store = S3ShardStore.builder()
                    .s3(s3)
                    .bucket(BUCKET)
                    .prefix("bursts/")
                    .build();
            s = run(
                    importer(recorded, store, ImportFormat.CSV)
                            .maxRecordsPerShard(30)
                            .retry(retry),
                    input);
        }

        assertThat(s.jobErrors()).isEmpty();
        assertThat(s.results())
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(JobStatus.COMPLETED));
        assertThat(jobsOf(s.runId()))
                .extracting(j -> j.definition().s3Url())
                .hasSize(4)
                .doesNotHaveDuplicates();
        assertThat(missing(input)).isEmpty();

        List<Attempt> attempts = new ArrayList<>(recorder.attempts);
        Map<Integer, Long> statuses =
                attempts.stream().collect(Collectors.groupingBy(a -> a.status, Collectors.counting()));
        assertThat(statuses)
                .as("every injected fault was sent")
                .containsEntry(429, 4L)
                .containsEntry(500, 4L);
        Map<String, List<Attempt>> calls =
                attempts.stream().collect(Collectors.groupingBy(a -> a.operation + " " + a.key, Collectors.toList()));
        assertThat(calls.keySet())
                .filteredOn(k -> k.startsWith("CreateImportJob"))
                .hasSize(4);
        calls.forEach((call, list) -> {
            list.sort((a, b) -> Long.compare(a.sentNanos, b.sentNanos));
            int failuresInARow = 0;
            for (int i = 0; i < list.size(); i++) {
                Attempt a = list.get(i);
                if (failuresInARow > 0) {
                    long gapMillis = TimeUnit.NANOSECONDS.toMillis(a.sentNanos - list.get(i - 1).sentNanos);
                    assertThat(gapMillis)
                            .as("%s: wait after failure %d in a row", call, failuresInARow)
                            .isGreaterThanOrEqualTo(minimumWait(retry, failuresInARow));
                }
                failuresInARow = a.failed() ? failuresInARow + 1 : 0;
                assertThat(failuresInARow).as("%s: failures in a row", call).isLessThan(retry.maxAttempts());
            }
            assertThat(failuresInARow).as("%s ended in a success", call).isZero();
        });
    }

    /** The documented smallest wait before retry {@code k} (1-based), or a quota wait if that is shorter. */
    private static long minimumWait(RetryOptions retry, int k) {
        double base = Math.min(
                retry.initialDelay().toMillis() * Math.pow(retry.multiplier(), k - 1),
                retry.maxDelay().toMillis());
        double quota = retry.quotaRetryDelay().toMillis();
        return (long) Math.floor(Math.min(base, quota) * (1 - retry.jitter()));
    }

    // ------------------------------------------------------------------------------ one bad job in a run

    private static final int SHARDS = 5;
    private static final int PER_SHARD = 20;
    /** The shard every case of the matrix aims at; its records are input positions 40 to 59. */
    private static final String TARGET = "/00002/";

    private static List<EndpointDefinition> healthyInput() {
        return EndpointFixtures.builder().seed(83).ids(true).build().list(SHARDS * PER_SHARD);
    }

    private ImportRun runAndWait(List<EndpointDefinition> input, Consumer<ImportSummary> check) throws Exception {
        try (S3AsyncClient s3 = localS3.newAsyncClient();
                EndpointImporter importer = importer(
                                pinpoint,
                                S3ShardStore.builder()
                                        .s3(s3)
                                        .bucket(BUCKET)
                                        .prefix("bad-job/")
                                        .build(),
                                ImportFormat.CSV)
                        .maxRecordsPerShard(PER_SHARD)
                        .build()) {
            ImportRun run = importer.importEndpoints(input);
            ImportSummary s = run.summary().get(60, TimeUnit.SECONDS);
            check.accept(s);
            return run;
        }
    }

    /** The target shard's result, after checking that the run went on around it: the other jobs completed. */
    private ImportResult targetAfterTheRestCompleted(ImportSummary s, List<EndpointDefinition> input) {
        assertThat(s.jobErrors()).isEmpty();
        assertThat(s.shards()).isEqualTo(SHARDS);
        assertThat(s.results()).hasSize(SHARDS);
        assertThat(s.recordsSubmitted()).isEqualTo(input.size());
        List<ImportResult> others =
                s.results().stream().filter(r -> !r.s3Url().contains(TARGET)).toList();
        assertThat(others).hasSize(SHARDS - 1).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.totalFailures()).hasValue(0);
        });
        List<EndpointDefinition> outside = new ArrayList<>(input.subList(0, 2 * PER_SHARD));
        outside.addAll(input.subList(3 * PER_SHARD, input.size()));
        assertThat(missing(outside)).as("endpoints of the other shards").isEmpty();
        ImportResult target = s.results().stream()
                .filter(r -> r.s3Url().contains(TARGET))
                .findFirst()
                .orElseThrow();
        assertThat(target.shardNumber()).isEqualTo(2);
        // the job id is the service's: it knows this job, for this URL
        ImportJobResponse job = pinpoint.getImportJob(b -> b.applicationId(app).jobId(target.jobId()))
                .join()
                .importJobResponse();
        assertThat(job.definition().s3Url()).isEqualTo(target.s3Url());
        assertThat(job.failures()).containsExactlyElementsOf(target.failures());
        return target;
    }

    private static String objectUrl(ImportResult target) {
        return target.s3Url() + "part.csv";
    }

    private static void assertFailedJobFuture(ImportRun run, ImportResult target) {
        CompletableFuture<ImportResult> future = run.jobs().join().get(2);
        assertThat(future).isCompletedExceptionally();
        Throwable cause = future.handle((r, e) -> e instanceof CompletionException ? e.getCause() : e)
                .join();
        assertThat(cause).isInstanceOf(ImportJobFailedException.class);
        ImportJobFailedException failed = (ImportJobFailedException) cause;
        assertThat(failed.jobId()).isEqualTo(target.jobId());
        assertThat(failed.s3Url()).isEqualTo(target.s3Url());
        assertThat(failed.failures()).isEqualTo(target.failures());
    }

    /** A job the service ends FAILED: its id, URL and the service's lines are in the summary; the rest completes. */
    @Test
    void jobThatEndsFailedSurfacesAndTheRestOfTheRunGoesOn() throws Exception {
        List<EndpointDefinition> input = healthyInput();
        String line = "s3://" + BUCKET + "/bad-job/…" + TARGET + "part.csv line 7: scripted failure";
        emulator.faults().failJobAt(TARGET, line);
        ImportResult[] target = new ImportResult[1];

        ImportRun run = runAndWait(input, s -> {
            target[0] = targetAfterTheRestCompleted(s, input);
            assertThat(s.jobsFailed()).isEqualTo(1);
            assertThat(s.jobsCompleted()).isEqualTo(SHARDS - 1);
        });

        assertThat(target[0].status()).isEqualTo(JobStatus.FAILED);
        assertThat(target[0].jobId()).isNotBlank();
        assertThat(target[0].failures()).containsExactly(line);
        assertFailedJobFuture(run, target[0]);
        assertThat(missing(input.subList(2 * PER_SHARD, 3 * PER_SHARD)))
                .as("a FAILED job imports nothing")
                .hasSize(PER_SHARD);
    }

    /**
     * A job that completes with failed rows: the service refuses two rows because their user already has the most
     * endpoints a user may have (15, put there before the run; the library cannot know). The job is COMPLETED with
     * {@code TotalFailures} 2 and the service's lines naming the object and the rows.
     */
    @Test
    void jobCompletedWithRowFailuresSurfacesAndTheRestOfTheRunGoesOn() throws Exception {
        String fullUser = "matrix-full-user";
        StringBuilder csv = new StringBuilder("Id,ChannelType,Address,User.UserId\n");
        for (int i = 0; i < PinpointEmulator.MAX_ENDPOINTS_PER_USER; i++) {
            csv.append("pre-")
                    .append(i)
                    .append(",EMAIL,pre-")
                    .append(i)
                    .append("@example.com,")
                    .append(fullUser)
                    .append('\n');
        }
        s3Direct.putObject(
                b -> b.bucket(BUCKET).key("pre/users.csv"),
                RequestBody.fromString(csv.toString(), StandardCharsets.UTF_8));
        String pre = pinpoint.createImportJob(r -> r.applicationId(app)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://" + BUCKET + "/pre/")
                                .roleArn(ROLE)
                                .registerEndpoints(true)))
                .join()
                .importJobResponse()
                .id();
        assertThat(pinpoint.getImportJob(b -> b.applicationId(app).jobId(pre))
                        .join()
                        .importJobResponse()
                        .totalProcessed())
                .isEqualTo(PinpointEmulator.MAX_ENDPOINTS_PER_USER);

        List<EndpointDefinition> input = new ArrayList<>(healthyInput());
        // positions 45 and 46 of shard 2 (rows 6 and 7 of its file, after the header line): one user too many
        for (int i : new int[] {45, 46}) {
            input.set(
                    i,
                    EndpointDefinition.builder()
                            .id("over-" + i)
                            .channelType(ChannelType.EMAIL)
                            .address("over-" + i + "@example.com")
                            .user(EndpointUser.builder().userId(fullUser).build())
                            .build());
        }
        ImportResult[] target = new ImportResult[1];

        runAndWait(input, s -> {
            target[0] = targetAfterTheRestCompleted(s, input);
            assertThat(s.jobsFailed()).isZero();
            assertThat(s.serviceFailed()).isEqualTo(2);
            assertThat(s.serviceProcessed()).isEqualTo(input.size());
        });

        assertThat(target[0].status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(target[0].totalFailures()).hasValue(2);
        assertThat(target[0].failures())
                .containsExactly(
                        objectUrl(target[0]) + " line 7: User already has 15 endpoints",
                        objectUrl(target[0]) + " line 8: User already has 15 endpoints");
        List<EndpointDefinition> goodOfTarget = new ArrayList<>(input.subList(2 * PER_SHARD, 3 * PER_SHARD));
        goodOfTarget.removeIf(d -> d.id().startsWith("over-"));
        assertThat(missing(goodOfTarget)).as("the good rows of the same job").isEmpty();
        assertThat(missing(input.subList(45, 47))).hasSize(2);
    }

    /** The shard's object is deleted after the job listed it and before it read it: that job fails, with the URL. */
    @Test
    void objectDeletedBeforeTheJobReadsItSurfacesAndTheRestOfTheRunGoesOn() throws Exception {
        List<EndpointDefinition> input = healthyInput();
        emulator.faults().deleteBeforeRead(TARGET);
        ImportResult[] target = new ImportResult[1];

        ImportRun run = runAndWait(input, s -> {
            target[0] = targetAfterTheRestCompleted(s, input);
            assertThat(s.jobsFailed()).isEqualTo(1);
        });

        assertThat(target[0].status()).isEqualTo(JobStatus.FAILED);
        assertThat(target[0].failedPieces()).hasValue(1);
        assertThat(target[0].failures())
                .containsExactly(objectUrl(target[0]) + ": could not be read (NoSuchKeyException)");
        assertFailedJobFuture(run, target[0]);
    }

    /** The role may not read one shard's prefix: that job fails naming role and URL; the others complete. */
    @Test
    void deniedRoleSurfacesAndTheRestOfTheRunGoesOn() throws Exception {
        List<EndpointDefinition> input = healthyInput();
        emulator.faults().denyRole(ROLE, TARGET);
        ImportResult[] target = new ImportResult[1];

        ImportRun run = runAndWait(input, s -> {
            target[0] = targetAfterTheRestCompleted(s, input);
            assertThat(s.jobsFailed()).isEqualTo(1);
        });

        assertThat(target[0].status()).isEqualTo(JobStatus.FAILED);
        assertThat(target[0].failures())
                .containsExactly("Access denied: could not assume role " + ROLE + " to read " + target[0].s3Url());
        assertFailedJobFuture(run, target[0]);
        assertThat(missing(input.subList(2 * PER_SHARD, 3 * PER_SHARD))).hasSize(PER_SHARD);
    }
}
