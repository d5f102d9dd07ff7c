package io.pinpointimport.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.connect.internal.Sse;
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
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;

class CustomerProfilesImportTargetWireMockTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    final ProfilesStub stub = new ProfilesStub();

    @RegisterExtension
    final WireMockExtension wm = stub.extension();

    @TempDir
    Path tmp;

    CustomerProfilesAsyncClient client;
    CustomerProfilesImportTarget target;

    @BeforeEach
    void setUp() {
        stub.install(wm);
        client = ProfilesStub.client(wm);
        target = target(ProfileMapping.ofDefaults());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private CustomerProfilesImportTarget target(ProfileMapping mapping) {
        return CustomerProfilesImportTarget.builder()
                .client(client)
                .domainName(ProfilesStub.DOMAIN)
                .dataExpiry(Duration.ofDays(365))
                .mapping(mapping)
                .workDirectory(tmp)
                .build();
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

    @Test
    void everyStepInOrderWithSseCHeadersAndAMatchingFile() throws Exception {
        ImportSummary s;
        String runId;
        try (EndpointImporter importer = importer()) {
            ImportRun run = importer.importEndpoints(Seed.endpoints());
            runId = run.runId();
            s = summary(run);
        }

        assertThat(stub.ops())
                .startsWith("create", "path", "put", "start", "get")
                .doesNotContain("list", "stop");
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

        ProfilesStub.Job job = stub.jobs().get(0);
        assertThat(job.displayName).isEqualTo("pinpoint-import " + runId + " shard 00000");
        assertThat(ProfilesStub.field(job.createBody, "UniqueKey")).isEqualTo("ProfileKey");
        assertThat(job.createBody)
                .contains("\"DataExpiry\":365")
                .contains("\"ProfileKey\":{\"Source\":\"_source.ProfileKey\",\"Target\":\"_profile.AccountNumber\","
                        + "\"ContentType\":\"STRING\"}")
                .contains("\"EmailAddress\":{\"Source\":\"_source.EmailAddress\",\"Target\":\"_profile.EmailAddress\","
                        + "\"ContentType\":\"EMAIL_ADDRESS\"}")
                .contains("\"Attributes_APNS_Address\":{\"Source\":\"_source.Attributes_APNS_Address\","
                        + "\"Target\":\"_profile.Attributes.APNS_Address\"");
        assertThat(job.uploadHeaders)
                .containsEntry("x-amz-server-side-encryption-customer-algorithm", "AES256")
                .containsEntry("x-amz-server-side-encryption-customer-key", job.token)
                .containsEntry("x-amz-server-side-encryption-customer-key-md5", Sse.keyMd5(job.token));

        List<String> lines = job.upload.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("ProfileKey,").doesNotContain(".");
        List<String> header = List.of(lines.get(0).split(",", -1));
        for (String line : lines) {
            assertThat(line.split(",", -1)).hasSameSizeAs(header);
        }
        int email = header.indexOf("EmailAddress");
        int phone = header.indexOf("PhoneNumber");
        assertThat(lines.get(1).split(",", -1)[0]).isEqualTo("example-user-id-1");
        assertThat(lines.get(1).split(",", -1)[phone]).isEqualTo("2065550182");
        assertThat(lines.get(3).split(",", -1)[email]).isEqualTo("john.stiles@example.com");
        assertThat(lines.get(3).split(",", -1)[phone]).isEmpty();
        // the upload file is a temporary: gone once the job was created
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("profiles-")))
                    .isEmpty();
        }
    }

    @Test
    void aLostCreateAnswerIsFoundByDisplayNameAndFinishedNotCreatedTwice() {
        // another run's job first, and one job per page, so that the name is matched across pages
        client.createUploadJob(r -> r.domainName(ProfilesStub.DOMAIN)
                        .displayName("pinpoint-import other-run shard 00000")
                        .fields(Map.of(
                                "K",
                                ObjectTypeField.builder()
                                        .source("_source.K")
                                        .target("_profile.AccountNumber")
                                        .contentType("STRING")
                                        .build()))
                        .uniqueKey("K")
                        .dataExpiry(1))
                .join();
        stub.loseNextCreateAnswer().listPageCap(1);
        ImportSummary s;
        String runId;
        try (EndpointImporter importer = importer()) {
            ImportRun run = importer.importEndpoints(Seed.endpoints());
            runId = run.runId();
            s = summary(run);
        }
        assertThat(stub.jobs())
                .extracting(j -> j.displayName)
                .containsExactly("pinpoint-import other-run shard 00000", "pinpoint-import " + runId + " shard 00000");
        assertThat(stub.log())
                .filteredOn(e -> e.op().equals("list"))
                .extracting(ProfilesStub.Event::detail)
                .contains("from 0", "from 1");
        assertThat(stub.ops()).containsSubsequence("create", "create", "list", "list", "path", "put", "start", "get");
        assertThat(s.results()).singleElement().satisfies(r -> {
            assertThat(r.adopted()).isTrue();
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.totalProcessed()).hasValue(3);
        });
    }

    @Test
    void aThrottledStepAfterTheCreateNeverCreatesASecondJob() {
        stub.fail("path", 2, 429, "ThrottlingException", "Rate exceeded");
        ImportSummary s;
        try (EndpointImporter importer = importer()) {
            s = summary(importer.importEndpoints(Seed.endpoints()));
        }
        assertThat(stub.count("create")).isEqualTo(1);
        assertThat(s.results())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(JobStatus.COMPLETED));
    }

    @Test
    void eachStepAfterTheCreateWaitsOutItsOwnThrottlingBurstWithTheRunsBackoff() {
        // two 429s (S3's 503 SlowDown for the PUT) on every step after the create: with three attempts per call, each
        // step gets its own three, and the job is neither looked up nor created again
        stub.fail("path", 2, 429, "ThrottlingException", "Rate exceeded")
                .fail("put", 2, 503, "SlowDown", "Reduce your request rate")
                .fail("start", 2, 429, "ThrottlingException", "Rate exceeded")
                .fail("get", 2, 429, "ThrottlingException", "Rate exceeded");
        ImportSummary s;
        List<Throwable> retries = new CopyOnWriteArrayList<>();
        try (EndpointImporter importer = importer(3, new ImportListener() {
            @Override
            public void retrying(Throwable cause) {
                retries.add(cause);
            }
        })) {
            s = summary(importer.importEndpoints(Seed.endpoints()));
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
        assertThat(stub.jobs()).hasSize(1);
        assertThat(stub.count("list")).isZero();
        assertThat(stub.ops())
                .startsWith(
                        "create", "path", "path", "path", "put", "put", "put", "start", "start", "start", "get", "get",
                        "get");
    }

    @Test
    void aStepWhoseAttemptsRunOutLooksTheJobUpAndFinishesItWithoutASecondCreate() {
        // three 429s on GetUploadJobPath with three attempts per call: the step gives up, the library looks the job up
        // by name and the lookup finishes the upload and the start
        stub.fail("path", 3, 429, "ThrottlingException", "Rate exceeded");
        ImportSummary s;
        try (EndpointImporter importer = importer(3)) {
            s = summary(importer.importEndpoints(Seed.endpoints()));
        }
        assertThat(s.jobErrors()).isEmpty();
        assertThat(s.results())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(JobStatus.COMPLETED));
        assertThat(stub.count("create")).isEqualTo(1);
        assertThat(stub.ops()).containsSubsequence("create", "path", "path", "path", "list", "path", "put", "start");
    }

    @Test
    void aStartWhoseAnswerWasLostIsNotStartedTwice() {
        // the start is applied but answered 500: the retried start is refused (already started), and the job, no
        // longer CREATED, is taken as started
        stub.loseNextStartAnswer();
        ImportSummary s;
        try (EndpointImporter importer = importer(3)) {
            s = summary(importer.importEndpoints(Seed.endpoints()));
        }
        assertThat(s.jobErrors()).isEmpty();
        assertThat(s.results())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(JobStatus.COMPLETED));
        assertThat(stub.jobs()).hasSize(1);
        assertThat(stub.log())
                .filteredOn(e -> e.op().equals("start"))
                .extracting(ProfilesStub.Event::detail)
                .containsExactly("lost", "error 400");
    }

    @Test
    void throttlingAnd5xxAreRetriedByTheLibrary() {
        stub.fail("create", 2, 429, "ThrottlingException", "Rate exceeded")
                .fail("get", 2, 500, "InternalServerException", "Internal failure");
        ImportSummary s;
        try (EndpointImporter importer = importer()) {
            s = summary(importer.importEndpoints(Seed.endpoints()));
        }
        assertThat(stub.log())
                .filteredOn(e -> e.op().equals("create"))
                .extracting(ProfilesStub.Event::detail)
                .startsWith("error 429", "error 429")
                .hasSize(3);
        assertThat(stub.jobs()).hasSize(1);
        assertThat(s.results())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(JobStatus.COMPLETED));
    }

    @Test
    void anExpiredUploadUrlIsReplacedByANewOne() {
        stub.refuseUploads(1);
        ImportSummary s;
        try (EndpointImporter importer = importer()) {
            s = summary(importer.importEndpoints(Seed.endpoints()));
        }
        assertThat(stub.ops()).startsWith("create", "path", "put", "path", "put", "start");
        assertThat(stub.jobs()).hasSize(1);
        assertThat(s.results())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(JobStatus.COMPLETED));
    }

    @Test
    void aUrlThatArrivesExpiredIsNotUsed() {
        stub.expiredPaths(true);
        try (EndpointImporter importer = importer()) {
            ImportRun run = importer.importEndpoints(Seed.endpoints());
            ImportSummary s = summary(run);
            assertThat(s.jobErrors())
                    .singleElement()
                    .satisfies(e -> assertThat(e.cause()).hasMessageContaining("expired"));
        }
        assertThat(stub.count("put")).isZero();
        assertThat(stub.count("path")).isEqualTo(CustomerProfilesImportTarget.MAX_UPLOAD_ATTEMPTS);
        assertThat(stub.count("start")).isZero();
    }

    @Test
    void aCancelledRunStopsItsUploadJob() {
        stub.running("IN_PROGRESS");
        stub.ending("IN_PROGRESS", 0);
        try (EndpointImporter importer = importer()) {
            ImportRun run = importer.importEndpoints(Seed.endpoints());
            await("the job to be watched", () -> stub.count("get") >= 2);
            run.cancel();
            await("StopUploadJob", () -> stub.count("stop") == 1);
        }
        assertThat(stub.jobs())
                .singleElement()
                .satisfies(j -> assertThat(j.status).isEqualTo("STOPPED"));
    }

    @Test
    void aFailedJobFailsItsFutureWithTheStatusReason() {
        stub.ending("FAILED", 0);
        try (EndpointImporter importer = importer()) {
            ImportRun run = importer.importEndpoints(Seed.endpoints());
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
    void partialSuccessCountsFailedRows() {
        stub.ending("PARTIALLY_SUCCEEDED", 1);
        ImportSummary s;
        try (EndpointImporter importer = importer()) {
            s = summary(importer.importEndpoints(Seed.endpoints()));
        }
        ImportResult r = s.results().get(0);
        assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(r.totalProcessed()).hasValue(3);
        assertThat(r.totalFailures()).hasValue(1);
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
            ImportSummary s = summary(importer.importEndpoints(Seed.endpoints()));
            assertThat(s.jobErrors())
                    .singleElement()
                    .satisfies(e -> assertThat(e.cause())
                            .hasMessageContaining("ResourceNotFoundException")
                            .hasMessageContaining("domain name"));
        }
        assertThat(stub.count("domain")).isEqualTo(1);
    }

    @Test
    void validationTellsTheTruthForThisTarget() {
        EndpointDefinition tooLong = EndpointDefinition.builder()
                .channelType(ChannelType.EMAIL)
                .address("a@example.com")
                .user(u -> u.userId("u1"))
                .attribute("note", "n".repeat(90), "m".repeat(90), "o".repeat(90))
                .build();
        List<EndpointDefinition> records = new ArrayList<>(Seed.endpoints());
        records.add(tooLong);
        ImportSummary s;
        try (EndpointImporter importer = importer()) {
            s = summary(importer.importEndpoints(records));
        }
        assertThat(s.recordsRead()).isEqualTo(4);
        assertThat(s.recordsRejected()).isEqualTo(1);
        assertThat(s.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(Rule.TARGET_VALUE_TOO_LONG);
            assertThat(r.recordIndex()).isEqualTo(3);
            assertThat(r.message()).doesNotContain("nnnn");
        });
        assertThat(stub.jobs().get(0).upload.lines()).hasSize(4);
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
