package io.pinpointimport.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.OneConnectionPerCall;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import io.pinpointimport.emulator.profiles.ProfilesError;
import io.pinpointimport.emulator.profiles.ProfilesOperation;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.ShardAccess;
import io.pinpointimport.store.LocalShardStore;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.model.CreateUploadJobRequest;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobResponse;
import software.amazon.awssdk.services.customerprofiles.model.ListUploadJobsRequest;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;
import software.amazon.awssdk.services.customerprofiles.model.Profile;
import software.amazon.awssdk.services.customerprofiles.model.ResultsSummary;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobItem;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobStatus;

/**
 * The target against the Customer Profiles emulator (its own CSV reader, SSE-C checks and fault injection): the
 * steps of a job in order, what the target sends, and each retry, lookup and lost answer the target must survive.
 * {@link ProfilesCalls} records what the target asked, in order; a second, unrecorded client reads the emulator's
 * jobs and profiles back.
 */
class CustomerProfilesImportTargetEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "test-domain";

    // one emulator and client pair for the class (a client's close takes its event loop's quiet period), reset
    // before each test
    static CustomerProfilesEmulator emulator;
    static ProfilesCalls calls;
    static CustomerProfilesAsyncClient client;
    static CustomerProfilesAsyncClient inspect;

    @TempDir
    Path tmp;

    CustomerProfilesImportTarget target;

    @BeforeAll
    static void startEmulator() {
        emulator = CustomerProfilesEmulator.builder().domain(DOMAIN).start();
        calls = new ProfilesCalls();
        // the target makes one SDK attempt per call: without a connection per call, the SDK's reuse of a connection
        // it is closing after an error answer would, rarely and under load, fail the next call and make the target
        // retry it, one call more than these tests count (OneConnectionPerCall says why)
        client = client(
                emulator,
                c -> c.addExecutionInterceptor(calls.interceptor())
                        .addExecutionInterceptor(OneConnectionPerCall.INSTANCE));
        inspect = client(emulator, c -> {});
    }

    @AfterAll
    static void stopEmulator() {
        client.close();
        inspect.close();
        emulator.close();
    }

    @BeforeEach
    void setUp() {
        emulator.reset();
        calls.clear();
        target = target(b -> {});
    }

    private static CustomerProfilesAsyncClient client(
            CustomerProfilesEmulator emulator, Consumer<ClientOverrideConfiguration.Builder> config) {
        return CustomerProfilesAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .overrideConfiguration(config)
                .build();
    }

    private CustomerProfilesImportTarget target(Consumer<CustomerProfilesImportTarget.Builder> more) {
        CustomerProfilesImportTarget.Builder b = CustomerProfilesImportTarget.builder()
                .client(client)
                .domainName(DOMAIN)
                .dataExpiry(Duration.ofDays(365))
                .mapping(ProfileMapping.ofDefaults())
                .workDirectory(tmp);
        more.accept(b);
        return b.build();
    }

    private EndpointImporter importer() {
        return importer(RetryOptions.DEFAULT_MAX_ATTEMPTS);
    }

    private EndpointImporter importer(int attempts) {
        return importer(attempts, new ImportListener() {});
    }

    private EndpointImporter importer(int attempts, ImportListener listener) {
        return EndpointImporter.builder()
                .listener(listener)
                .importTarget(target)
                .tempDirectory(tmp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(40)))
                .retry(r -> r.maxAttempts(attempts)
                        .initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(40))
                        .quotaRetryDelay(Duration.ofMillis(20))
                        .attemptTimeout(Duration.ofSeconds(5)))
                .build();
    }

    private ImportSummary run(List<EndpointDefinition> records) {
        return run(records, RetryOptions.DEFAULT_MAX_ATTEMPTS);
    }

    private ImportSummary run(List<EndpointDefinition> records, int attempts) {
        try (EndpointImporter importer = importer(attempts)) {
            return summary(importer.importEndpoints(records));
        }
    }

    private static ImportSummary summary(ImportRun run) {
        try {
            return run.summary().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the run did not end: " + e, e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    /** @return the domain's upload jobs, oldest first (the service lists the newest first) */
    private List<UploadJobItem> jobs() {
        List<UploadJobItem> jobs = new ArrayList<>(
                inspect.listUploadJobs(r -> r.domainName(DOMAIN)).join().items());
        Collections.reverse(jobs);
        return jobs;
    }

    private GetUploadJobResponse job(String jobId) {
        return inspect.getUploadJob(r -> r.domainName(DOMAIN).jobId(jobId)).join();
    }

    private ResultsSummary onlyJobsSummary() {
        assertThat(jobs()).hasSize(1);
        return job(jobs().get(0).jobId()).resultsSummary();
    }

    private static void assertOneJobCompleted(ImportSummary s) {
        assertThat(s.results())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(JobStatus.COMPLETED));
    }

    /** The domain's one job read each record once (created or updated a profile), whatever was retried. */
    private void assertOnlyJobRead(int records) {
        ResultsSummary read = onlyJobsSummary();
        assertThat(read.createdRecords() + read.updatedRecords()).isEqualTo(records);
    }

    private Profile profile(String key) {
        List<Profile> found = inspect.searchProfiles(
                        r -> r.domainName(DOMAIN).keyName("ProfileKey").values(key))
                .join()
                .items();
        assertThat(found).as("profiles with key %s", key).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyStepInOrderWithSseCHeadersAndAFileTheServiceReads() throws Exception {
        ImportSummary s;
        String runId;
        try (EndpointImporter importer = importer()) {
            ImportRun run = importer.importEndpoints(SeedExamples.endpoints());
            runId = run.runId();
            s = summary(run);
        }

        assertThat(calls.ops()).startsWith("create", "path", "start", "get").doesNotContain("list", "stop");
        assertThat(s.recordsRead()).isEqualTo(3);
        assertThat(s.recordsRejected()).isZero();
        assertThat(s.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.job().statusText()).contains("SUCCEEDED");
            assertThat(r.totalProcessed()).hasValue(3);
            assertThat(r.totalFailures()).hasValue(0);
            assertThat(r.adopted()).isFalse();
            assertThat(r.s3Url()).startsWith("file:");
        });

        assertThat(jobs())
                .singleElement()
                .satisfies(j -> assertThat(j.displayName()).isEqualTo("pinpoint-import " + runId + " shard 00000"));
        CreateUploadJobRequest create =
                calls.requests(CreateUploadJobRequest.class).get(0);
        assertThat(create.uniqueKey()).isEqualTo("ProfileKey");
        assertThat(create.dataExpiry()).isEqualTo(365);
        assertThat(create.fields())
                .containsEntry("ProfileKey", field("ProfileKey", "AccountNumber", "STRING"))
                .containsEntry("EmailAddress", field("EmailAddress", "EmailAddress", "EMAIL_ADDRESS"))
                .containsEntry(
                        "Attributes_APNS_Address",
                        field("Attributes_APNS_Address", "Attributes.APNS_Address", "STRING"));
        // the file's columns are plain names (no dots), as the service's CSV reader expects
        assertThat(create.fields().keySet())
                .allSatisfy(column -> assertThat(column).doesNotContain("."));

        // the emulator takes the PUT only with the SSE-C headers of the URL's token (algorithm, key, key MD5) and
        // starts a job only with a file: the service read three rows of two users, none failed, and each cell landed
        // in its field
        ResultsSummary read = onlyJobsSummary();
        assertThat(read.createdRecords()).isEqualTo(2);
        assertThat(read.updatedRecords()).isEqualTo(1);
        assertThat(read.failedRecords()).isZero();
        Profile first = profile("example-user-id-1");
        assertThat(first.accountNumber()).isEqualTo("example-user-id-1");
        assertThat(first.phoneNumber()).isEqualTo("2065550182");
        Profile second = profile("example-user-id-2");
        assertThat(second.emailAddress()).isEqualTo("john.stiles@example.com");
        assertThat(second.phoneNumber()).isNull();
        assertThat(second.attributes()).containsEntry("APNS_Address", "1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f");
        // the upload file is a temporary: gone once the job was created
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("profiles-")))
                    .isEmpty();
        }
    }

    private static ObjectTypeField field(String column, String target, String contentType) {
        return ObjectTypeField.builder()
                .source("_source." + column)
                .target("_profile." + target)
                .contentType(contentType)
                .build();
    }

    @Test
    void aLostCreateAnswerIsFoundByDisplayNameAcrossPagesAndFinishedNotCreatedTwice() {
        // another run's job first, and one job per page, so that the name is matched across pages
        inspect.createUploadJob(r -> r.domainName(DOMAIN)
                        .displayName("pinpoint-import other-run shard 00000")
                        .fields(Map.of("K", field("K", "AccountNumber", "STRING")))
                        .uniqueKey("K")
                        .dataExpiry(1))
                .join();
        emulator.faults().failNextCreateAfterRecording(ProfilesError.INTERNAL_SERVER);
        target = target(b -> b.pageSize(1));
        ImportSummary s;
        String runId;
        try (EndpointImporter importer = importer()) {
            ImportRun run = importer.importEndpoints(SeedExamples.endpoints());
            runId = run.runId();
            s = summary(run);
        }
        assertThat(jobs())
                .extracting(UploadJobItem::displayName)
                .containsExactly("pinpoint-import other-run shard 00000", "pinpoint-import " + runId + " shard 00000");
        assertThat(calls.statuses("create")).containsExactly(500);
        assertThat(calls.requests(ListUploadJobsRequest.class))
                .extracting(ListUploadJobsRequest::nextToken)
                .hasSize(2)
                .startsWith((String) null)
                .doesNotContain("");
        assertThat(calls.ops()).containsSubsequence("create", "list", "list", "path", "start", "get");
        assertThat(s.results()).singleElement().satisfies(r -> {
            assertThat(r.adopted()).isTrue();
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.totalProcessed()).hasValue(3);
        });
    }

    @Test
    void aThrottledStepAfterTheCreateNeverCreatesASecondJob() {
        emulator.faults().throttleNext(ProfilesOperation.GET_UPLOAD_JOB_PATH, 2);
        ImportSummary s = run(SeedExamples.endpoints());
        assertThat(calls.count("create")).isEqualTo(1);
        assertThat(calls.statuses("path")).startsWith(429, 429, 200);
        assertOneJobCompleted(s);
    }

    @Test
    void eachStepAfterTheCreateWaitsOutItsOwnThrottlingBurstWithTheRunsBackoff() {
        // two 429s (S3's 503 SlowDown for the PUT) on every step after the create: with three attempts per call, each
        // step gets its own three, and the job is neither looked up nor created again
        emulator.faults()
                .throttleNext(ProfilesOperation.GET_UPLOAD_JOB_PATH, 2)
                .throttleNext(ProfilesOperation.UPLOAD_FILE, 2)
                .throttleNext(ProfilesOperation.START_UPLOAD_JOB, 2)
                .throttleNext(ProfilesOperation.GET_UPLOAD_JOB, 2);
        ImportSummary s;
        List<Throwable> retries = new CopyOnWriteArrayList<>();
        try (EndpointImporter importer = importer(3, new ImportListener() {
            @Override
            public void retrying(Throwable cause) {
                retries.add(cause);
            }
        })) {
            s = summary(importer.importEndpoints(SeedExamples.endpoints()));
        }
        assertThat(s.jobErrors()).isEmpty();
        assertThat(s.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.adopted()).isFalse();
        });
        assertThat(retries)
                .as("each step's retries told to the listeners, as the library's own are")
                .hasSize(8)
                .allSatisfy(t -> assertThat(t)
                        .isInstanceOfSatisfying(
                                ImportTargetException.class,
                                e -> assertThat(e.kind()).isEqualTo(ImportTargetException.Kind.THROTTLED)));
        assertThat(jobs()).hasSize(1);
        assertThat(calls.count("list")).isZero();
        assertThat(calls.ops())
                .startsWith("create", "path", "path", "path", "start", "start", "start", "get", "get", "get");
        // the two 503s of the PUT were waited out on the first URL: no second GetUploadJobPath
        assertThat(calls.count("path")).isEqualTo(3);
    }

    @Test
    void aStepWhoseAttemptsRunOutLooksTheJobUpAndFinishesItWithoutASecondCreate() {
        // three 429s on GetUploadJobPath with three attempts per call: the step gives up, the library looks the job up
        // by name and the lookup finishes the upload and the start
        emulator.faults().throttleNext(ProfilesOperation.GET_UPLOAD_JOB_PATH, 3);
        ImportSummary s = run(SeedExamples.endpoints(), 3);
        assertThat(s.jobErrors()).isEmpty();
        assertOneJobCompleted(s);
        assertThat(calls.count("create")).isEqualTo(1);
        assertThat(jobs()).hasSize(1);
        assertThat(calls.ops()).containsSubsequence("create", "path", "path", "path", "list", "path", "start");
    }

    @Test
    void aStartWhoseAnswerWasLostIsNotStartedTwice() {
        // the start is applied but answered 500, and the retried start is refused (already started): the job, no
        // longer CREATED, is taken as started, and its file is read once
        emulator.faults()
                .failNextAfterApplying(ProfilesOperation.START_UPLOAD_JOB, ProfilesError.INTERNAL_SERVER)
                .failNext(
                        ProfilesOperation.START_UPLOAD_JOB,
                        1,
                        ProfilesError.BAD_REQUEST,
                        "The job was started already");
        ImportSummary s = run(SeedExamples.endpoints(), 3);
        assertThat(s.jobErrors()).isEmpty();
        assertOneJobCompleted(s);
        assertThat(calls.statuses("start")).containsExactly(500, 400);
        assertOnlyJobRead(3);
    }

    @Test
    void aStartWhoseLookupFailsIsTriedAgainAndItsRepeatIsANoOp() {
        // the start is applied but answered 500, the retried start is refused, and the look at the job that would
        // tell "already started" fails too (a 5xx, or a connection the SDK closed under it): the step is tried once
        // more, and the service answers the repeated start of a started job with 200 and changes nothing
        emulator.faults()
                .failNextAfterApplying(ProfilesOperation.START_UPLOAD_JOB, ProfilesError.INTERNAL_SERVER)
                .failNext(
                        ProfilesOperation.START_UPLOAD_JOB, 1, ProfilesError.BAD_REQUEST, "The job was started already")
                .serverErrorNext(ProfilesOperation.GET_UPLOAD_JOB, 1);
        ImportSummary s = run(SeedExamples.endpoints(), 3);
        assertThat(s.jobErrors()).isEmpty();
        assertOneJobCompleted(s);
        assertThat(calls.statuses("start")).containsExactly(500, 400, 200);
        assertThat(calls.statuses("get")).startsWith(500, 200);
        assertOnlyJobRead(3);
    }

    @Test
    void aStartWhoseAnswerWasLostAndIsRepeatedIsNotAnError() {
        // the emulator's own answer to a repeated start: 200, nothing changes
        emulator.faults().failNextAfterApplying(ProfilesOperation.START_UPLOAD_JOB, ProfilesError.INTERNAL_SERVER);
        ImportSummary s = run(SeedExamples.endpoints(), 3);
        assertThat(s.jobErrors()).isEmpty();
        assertThat(calls.statuses("start")).containsExactly(500, 200);
        assertThat(onlyJobsSummary().createdRecords()).isEqualTo(2);
    }

    @Test
    void throttlingAnd5xxAreRetriedByTheLibrary() {
        emulator.faults()
                .throttleNext(ProfilesOperation.CREATE_UPLOAD_JOB, 2)
                .serverErrorNext(ProfilesOperation.GET_UPLOAD_JOB, 2);
        ImportSummary s = run(SeedExamples.endpoints());
        assertThat(calls.statuses("create")).containsExactly(429, 429, 200);
        assertThat(calls.statuses("get")).startsWith(500, 500, 200);
        assertThat(jobs()).hasSize(1);
        assertOneJobCompleted(s);
    }

    @Test
    void aRefusedUploadGetsANewUrl() {
        // S3 refuses a pre-signed PUT with 403 (an URL that expired on the way, a clock skew): a new URL, a new PUT
        emulator.faults().failNext(ProfilesOperation.UPLOAD_FILE, 1, ProfilesError.ACCESS_DENIED);
        ImportSummary s = run(SeedExamples.endpoints());
        assertThat(calls.ops()).startsWith("create", "path", "path", "start");
        assertThat(jobs()).hasSize(1);
        assertOneJobCompleted(s);
    }

    @Test
    void aUrlThatArrivesExpiredIsNotUsed() {
        emulator.faults().expireNextUploadUrls(CustomerProfilesImportTarget.MAX_UPLOAD_ATTEMPTS);
        ImportSummary s = run(SeedExamples.endpoints());
        assertThat(s.jobErrors())
                .singleElement()
                .satisfies(e -> assertThat(e.cause()).hasMessageContaining("had expired when it arrived"));
        assertThat(calls.count("path")).isEqualTo(CustomerProfilesImportTarget.MAX_UPLOAD_ATTEMPTS);
        assertThat(calls.count("start")).isZero();
    }

    @Test
    void aCancelledRunStopsItsUploadJob() {
        // a timed pace of an hour a step: the job stays IN_PROGRESS for as long as the test runs
        try (CustomerProfilesEmulator slow = CustomerProfilesEmulator.builder()
                        .domain(DOMAIN)
                        .pace(Pace.timed(Duration.ofHours(1)))
                        .start();
                CustomerProfilesAsyncClient slowClient =
                        client(slow, c -> c.addExecutionInterceptor(calls.interceptor()))) {
            target = target(b -> b.client(slowClient));
            try (EndpointImporter importer = importer()) {
                ImportRun run = importer.importEndpoints(SeedExamples.endpoints());
                await("the job to be watched", () -> calls.count("get") >= 2);
                run.cancel();
                await("StopUploadJob", () -> calls.count("stop") == 1);
            }
            assertThat(calls.statuses("stop")).containsExactly(200);
            assertThat(slowClient
                            .listUploadJobs(r -> r.domainName(DOMAIN))
                            .join()
                            .items())
                    .singleElement()
                    .satisfies(j -> assertThat(j.status()).isEqualTo(UploadJobStatus.STOPPED));
        }
    }

    @Test
    void aFailedJobFailsItsFutureWithTheStatusReason() {
        emulator.faults().failNextJob();
        try (EndpointImporter importer = importer()) {
            ImportRun run = importer.importEndpoints(SeedExamples.endpoints());
            ImportSummary s = summary(run);
            assertThat(s.results()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(JobStatus.FAILED);
                assertThat(r.job().statusText()).contains("FAILED");
                assertThat(r.failures()).containsExactly("StatusReason: VALIDATION_FAILURE");
                assertThat(r.totalFailures()).hasValue(3);
            });
            assertThatThrownBy(() -> run.jobsSoFar().get(0).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ImportJobFailedException.class);
        }
    }

    @Test
    void aCustomMappingThatPutsTextInAPhoneNumberIsRejectedLocallyAndTheOtherRecordsImport() {
        target = target(b -> b.mapping(m -> m.customize((endpoint, row) -> {
            if (endpoint.channelType() == ChannelType.EMAIL) {
                row.put("PhoneNumber", "call me");
            }
        })));
        ImportSummary s = run(SeedExamples.endpoints());
        assertThat(s.recordsRejected()).isEqualTo(1);
        assertThat(s.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(Rule.TARGET_VALUE_INVALID);
            assertThat(r.message()).contains("PhoneNumber").doesNotContain("call me");
        });
        assertThat(s.recordsImported()).isEqualTo(2);
        assertThat(s.results().get(0).job().statusText()).contains("SUCCEEDED");
        assertThat(s.results().get(0).totalFailures()).hasValue(0);
    }

    @Test
    void partialSuccessCountsFailedRows() {
        // A service stricter than the rules the library knows: the test's client declares Attributes.Note as a
        // PHONE_NUMBER, so the row of the one endpoint that has a Note fails in the service alone.
        try (CustomerProfilesAsyncClient stricter = client(
                emulator,
                c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                        if (!(context.request() instanceof CreateUploadJobRequest create)) {
                            return context.request();
                        }
                        Map<String, ObjectTypeField> fields = new HashMap<>(create.fields());
                        fields.replaceAll((key, f) -> f.target().equals("_profile.Attributes.Note")
                                ? f.toBuilder().contentType("PHONE_NUMBER").build()
                                : f);
                        return create.toBuilder().fields(fields).build();
                    }
                }))) {
            target = target(b -> b.client(stricter)
                    .mapping(m -> m.customize((endpoint, row) -> {
                        if (endpoint.channelType() == ChannelType.EMAIL) {
                            row.attribute("Note", "call me");
                        }
                    })));
            ImportSummary s = run(SeedExamples.endpoints());
            ImportResult r = s.results().get(0);
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.job().statusText()).contains("PARTIALLY_SUCCEEDED");
            assertThat(r.totalProcessed()).hasValue(3);
            assertThat(r.totalFailures()).hasValue(1);
        }
    }

    @Test
    void anUnknownDomainIsAPermanentErrorThatNamesWhatToCheck() {
        CustomerProfilesImportTarget wrong = CustomerProfilesImportTarget.builder()
                .client(client)
                .domainName("no-such-domain")
                .dataExpiry(Duration.ofDays(30))
                .workDirectory(tmp)
                .build();
        try (EndpointImporter importer = EndpointImporter.builder()
                .importTarget(wrong)
                .tempDirectory(tmp)
                .retry(r -> r.initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(20)))
                .build()) {
            ImportSummary s = summary(importer.importEndpoints(SeedExamples.endpoints()));
            assertThat(s.jobErrors())
                    .singleElement()
                    .satisfies(e -> assertThat(e.cause())
                            .hasMessageContaining("ResourceNotFoundException")
                            .hasMessageContaining("domain name"));
        }
        // asked once, not retried
        assertThat(calls.ops()).containsExactly("create");
        assertThat(calls.statuses("create")).containsExactly(404);
    }

    @Test
    void validationTellsTheTruthForThisTarget() {
        EndpointDefinition tooLong = EndpointDefinition.builder()
                .channelType(ChannelType.EMAIL)
                .address("a@example.com")
                .user(u -> u.userId("u1"))
                .attribute("note", "n".repeat(90), "m".repeat(90), "o".repeat(90))
                .build();
        List<EndpointDefinition> records = new ArrayList<>(SeedExamples.endpoints());
        records.add(tooLong);
        ImportSummary s = run(records);
        assertThat(s.recordsRead()).isEqualTo(4);
        assertThat(s.recordsRejected()).isEqualTo(1);
        assertThat(s.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(Rule.TARGET_VALUE_TOO_LONG);
            assertThat(r.recordIndex()).isEqualTo(3);
            assertThat(r.message()).doesNotContain("nnnn");
        });
        // only the three good records reached the service's file
        ResultsSummary read = onlyJobsSummary();
        assertThat(read.createdRecords() + read.updatedRecords() + read.failedRecords())
                .isEqualTo(3);
    }

    @Test
    void theTargetNeedsALocalStoreAndDataExpiry() {
        assertThat(target.shardAccess()).isEqualTo(ShardAccess.TARGET_SENDS_CONTENT);
        assertThat(LocalShardStore.builder().directory(tmp).build().supports(ShardAccess.SERVICE_READS_URL))
                .isFalse();
        assertThatThrownBy(() -> CustomerProfilesImportTarget.builder()
                        .client(client)
                        .domainName("d")
                        .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dataExpiry");
        assertThatThrownBy(() -> CustomerProfilesImportTarget.builder()
                        .client(client)
                        .domainName("d")
                        .dataExpiry(Duration.ofDays(1099))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomerProfilesImportTarget.builder()
                        .client(client)
                        .domainName("bad name")
                        .dataExpiry(Duration.ofDays(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        // a store the service must read by URL cannot serve it
        assertThatThrownBy(() -> EndpointImporter.builder()
                        .importTarget(target)
                        .shardStore((runId, shard) -> null)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LocalShardStore");
    }

    @Test
    void statusesMapOntoTheLibrarys() {
        assertThat(CustomerProfilesImportTarget.status("CREATED")).isEqualTo(JobStatus.CREATED);
        assertThat(CustomerProfilesImportTarget.status("IN_PROGRESS")).isEqualTo(JobStatus.PROCESSING);
        assertThat(CustomerProfilesImportTarget.status("SUCCEEDED")).isEqualTo(JobStatus.COMPLETED);
        assertThat(CustomerProfilesImportTarget.status("PARTIALLY_SUCCEEDED")).isEqualTo(JobStatus.COMPLETED);
        assertThat(CustomerProfilesImportTarget.status("FAILED")).isEqualTo(JobStatus.FAILED);
        assertThat(CustomerProfilesImportTarget.status("STOPPED")).isEqualTo(JobStatus.FAILED);
        assertThat(CustomerProfilesImportTarget.status("SOMETHING_NEW")).isEqualTo(JobStatus.UNKNOWN);
        assertThat(Rejection.builder()
                        .rule(Rule.TARGET_UNMAPPABLE)
                        .message("m")
                        .build()
                        .rule()
                        .id())
                .isEqualTo("target.unmappable");
    }
}
