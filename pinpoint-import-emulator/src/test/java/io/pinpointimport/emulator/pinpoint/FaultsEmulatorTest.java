package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.CreateImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.InternalServerErrorException;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.TooManyRequestsException;
import software.amazon.awssdk.services.s3.S3Client;

/** Every fault of {@link Faults}. */
class FaultsEmulatorTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";

    static PinpointEmulator emulator;
    static PinpointAsyncClient retrying;
    static PinpointAsyncClient once;
    String app;

    @BeforeAll
    static void start() {
        emulator = PinpointEmulator.start();
        emulator.s3().createBucket("faults");
        try (S3Client s3 = emulator.s3().newClient()) {
            s3.putObject(
                    b -> b.bucket("faults").key("p/a.csv"),
                    RequestBody.fromString("Id,ChannelType,Address\nf-1,EMAIL,a@example.com\n"));
        }
        retrying = emulator.newAsyncClient();
        once = emulator.newAsyncClientWithoutRetries();
    }

    @AfterAll
    static void stop() {
        retrying.close();
        once.close();
        emulator.close();
    }

    @BeforeEach
    void app() {
        app = emulator.createApp("faults");
    }

    @AfterEach
    void reset() {
        emulator.reset();
    }

    ImportJobResponse create(PinpointAsyncClient client, String role) {
        return client.createImportJob(r -> r.applicationId(app)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://faults/p/")
                                .roleArn(role)
                                .registerEndpoints(true)))
                .join()
                .importJobResponse();
    }

    ImportJobResponse get(String jobId) {
        return once.getImportJob(r -> r.applicationId(app).jobId(jobId)).join().importJobResponse();
    }

    List<ImportJobResponse> jobs() {
        return once.getImportJobs(r -> r.applicationId(app))
                .join()
                .importJobsResponse()
                .item();
    }

    boolean endpointExists() {
        try {
            once.getEndpoint(r -> r.applicationId(app).endpointId("f-1")).join();
            return true;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
            return false;
        }
    }

    @Test
    void throttledCallsAreRetriedBySdkDefaults() {
        emulator.faults().throttleNext(Operation.GET_IMPORT_JOBS, 2);
        assertThat(retrying.getImportJobs(r -> r.applicationId(app))
                        .join()
                        .importJobsResponse()
                        .item())
                .isEmpty();
    }

    @Test
    void throttleAndServerErrorReachAClientWithoutRetries() {
        emulator.faults().throttleNext(Operation.CREATE_IMPORT_JOB, 1).serverErrorNext(Operation.GET_IMPORT_JOB, 1);
        assertThatThrownBy(() -> create(once, ROLE)).hasCauseExactlyInstanceOf(TooManyRequestsException.class);
        assertThat(jobs()).as("a throttled create records nothing").isEmpty();
        String jobId = create(once, ROLE).id();
        assertThatThrownBy(() -> get(jobId)).hasCauseExactlyInstanceOf(InternalServerErrorException.class);
        assertThat(get(jobId).jobStatus()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void nextJobFailsWithTheGivenLines() {
        emulator.faults().failNextJob("s3://faults/p/a.csv line 2: scripted", "s3://faults/p/a.csv line 3: again");
        ImportJobResponse failed = get(create(once, ROLE).id());
        assertThat(failed.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failures())
                .containsExactly("s3://faults/p/a.csv line 2: scripted", "s3://faults/p/a.csv line 3: again");
        assertThat(failed.failedPieces()).isEqualTo(1);
        assertThat(failed.totalFailures()).isEqualTo(2);
        assertThat(endpointExists()).isFalse();
        assertThat(get(create(once, ROLE).id()).jobStatus())
                .as("only the next job")
                .isEqualTo(JobStatus.COMPLETED);
        assertThat(endpointExists()).isTrue();
    }

    @Test
    void deniedRoleFailsTheJob() {
        String denied = "arn:aws:iam::123456789012:role/NoS3";
        emulator.faults().denyRole(denied);
        ImportJobResponse created = create(once, denied);
        assertThat(created.jobStatus()).isEqualTo(JobStatus.CREATED);
        ImportJobResponse failed = get(created.id());
        assertThat(failed.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failures())
                .containsExactly("Access denied: could not assume role " + denied + " to read s3://faults/p/");
        assertThat(get(create(once, ROLE).id()).jobStatus()).isEqualTo(JobStatus.COMPLETED);
    }

    ImportJobResponse createAt(String s3Url, String role) {
        return once.createImportJob(r -> r.applicationId(app)
                        .importJobRequest(j ->
                                j.format(Format.CSV).s3Url(s3Url).roleArn(role).registerEndpoints(true)))
                .join()
                .importJobResponse();
    }

    static void putObject(String key) {
        try (S3Client s3 = emulator.s3().newClient()) {
            s3.putObject(
                    b -> b.bucket("faults").key(key),
                    RequestBody.fromString("Id,ChannelType,Address\nf-2,EMAIL,b@example.com\n"));
        }
    }

    @Test
    void targetedJobFailureHitsOnlyTheJobAtThatUrl() {
        putObject("q/00002/a.csv");
        emulator.faults().failJobAt("/00002/", "s3://faults/q/00002/a.csv line 2: scripted");
        assertThat(get(create(once, ROLE).id()).jobStatus()).as("other URL").isEqualTo(JobStatus.COMPLETED);
        ImportJobResponse failed = get(createAt("s3://faults/q/00002/", ROLE).id());
        assertThat(failed.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failures()).containsExactly("s3://faults/q/00002/a.csv line 2: scripted");
        assertThat(get(createAt("s3://faults/q/00002/", ROLE).id()).jobStatus())
                .as("only once")
                .isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void objectDeletedBeforeTheJobReadsItFailsThatJob() {
        putObject("gone/00001/a.csv");
        emulator.faults().deleteBeforeRead("/gone/");
        assertThat(get(create(once, ROLE).id()).jobStatus()).as("other URL").isEqualTo(JobStatus.COMPLETED);
        ImportJobResponse failed = get(createAt("s3://faults/gone/00001/", ROLE).id());
        assertThat(failed.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failedPieces()).isEqualTo(1);
        assertThat(failed.failures())
                .containsExactly("s3://faults/gone/00001/a.csv: could not be read (NoSuchKeyException)");
        try (S3Client s3 = emulator.s3().newClient()) {
            assertThat(s3.listObjectsV2(b -> b.bucket("faults").prefix("gone/")).contents())
                    .isEmpty();
        }
    }

    @Test
    void roleDeniedForOneUrlOnly() {
        putObject("scoped/00003/a.csv");
        emulator.faults().denyRole(ROLE, "/00003/");
        assertThat(get(create(once, ROLE).id()).jobStatus()).isEqualTo(JobStatus.COMPLETED);
        ImportJobResponse failed =
                get(createAt("s3://faults/scoped/00003/", ROLE).id());
        assertThat(failed.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failures())
                .containsExactly("Access denied: could not assume role " + ROLE + " to read s3://faults/scoped/00003/");
        emulator.faults().clear();
        assertThat(get(createAt("s3://faults/scoped/00003/", ROLE).id()).jobStatus())
                .isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void delayedAnswerTripsAShortAttemptTimeoutButStillArrivesForPatientClients() {
        emulator.faults().delayNext(Operation.GET_IMPORT_JOBS, 1, Duration.ofSeconds(5));
        try (PinpointAsyncClient impatient = emulator.asyncClientBuilder()
                .overrideConfiguration(o ->
                        o.apiCallAttemptTimeout(Duration.ofMillis(300)).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            assertThatThrownBy(() ->
                            impatient.getImportJobs(r -> r.applicationId(app)).join())
                    .hasCauseInstanceOf(ApiCallAttemptTimeoutException.class);
        }
        emulator.faults().delay(Operation.GET_APP, Duration.ofMillis(50));
        assertThat(once.getApp(r -> r.applicationId(app))
                        .join()
                        .applicationResponse()
                        .id())
                .isEqualTo(app);
        assertThat(once.getApp(r -> r.applicationId(app))
                        .join()
                        .applicationResponse()
                        .id())
                .isEqualTo(app);
    }

    @Test
    void lostCreateResponseStillRecordsTheJob() {
        emulator.faults().failNextCreateAfterRecording(ModelledError.INTERNAL_SERVER_ERROR);
        assertThatThrownBy(() -> create(once, ROLE)).hasCauseExactlyInstanceOf(InternalServerErrorException.class);
        List<ImportJobResponse> jobs = jobs();
        assertThat(jobs).hasSize(1);
        assertThat(get(jobs.get(0).id()).jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(endpointExists()).isTrue();
    }

    @Test
    void droppedCreateConnectionStillRecordsTheJob() {
        emulator.faults().dropNextCreateAfterRecording();
        assertThatThrownBy(() -> create(once, ROLE)).hasCauseInstanceOf(SdkClientException.class);
        assertThat(jobs()).hasSize(1);
    }

    CompletableFuture<ImportJobResponse> createAsync(PinpointAsyncClient client) {
        return client.createImportJob(r -> r.applicationId(app)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://faults/p/")
                                .roleArn(ROLE)
                                .registerEndpoints(true)))
                .thenApply(CreateImportJobResponse::importJobResponse);
    }

    @Test
    void heldCreateIsRecordedBeforeAnyAnswerAndAnsweredOnRelease() throws Exception {
        CompletableFuture<String> recorded = emulator.faults().holdNextCreateAfterRecording();
        CompletableFuture<ImportJobResponse> answer = createAsync(once);

        String jobId = recorded.get(10, TimeUnit.SECONDS);
        assertThat(jobs()).extracting(ImportJobResponse::id).containsExactly(jobId);
        assertThat(answer).as("the answer is held").isNotDone();
        assertThat(get(createAsync(once).get(10, TimeUnit.SECONDS).id()).jobStatus())
                .as("only the next create is held")
                .isEqualTo(JobStatus.COMPLETED);

        assertThat(emulator.faults().releaseHeldCreates()).isEqualTo(1);
        assertThat(answer.get(10, TimeUnit.SECONDS).id()).isEqualTo(jobId);
        assertThat(emulator.faults().releaseHeldCreates()).isZero();
    }

    @Test
    void clearClosesAHeldCreateWithoutAnswerAndCancelsAnUnusedHold() throws Exception {
        CompletableFuture<String> recorded = emulator.faults().holdNextCreateAfterRecording();
        CompletableFuture<ImportJobResponse> answer = createAsync(once);
        String jobId = recorded.get(10, TimeUnit.SECONDS);
        CompletableFuture<String> unused = emulator.faults().holdNextCreateAfterRecording();

        emulator.faults().clear();

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SdkClientException.class);
        assertThat(unused).isCancelled();
        assertThat(jobs()).extracting(ImportJobResponse::id).containsExactly(jobId);
    }

    @Test
    void clearAndResetDropPlannedFaults() {
        emulator.faults()
                .throttleNext(Operation.GET_IMPORT_JOBS, 5)
                .failNextJob("x")
                .denyRole(ROLE);
        emulator.faults().clear();
        assertThat(jobs()).isEmpty();
        assertThat(get(create(once, ROLE).id()).jobStatus()).isEqualTo(JobStatus.COMPLETED);
        emulator.faults().throttleNext(Operation.GET_IMPORT_JOBS, 5);
        emulator.reset();
        String fresh = emulator.createApp("after-reset");
        assertThat(once.getImportJobs(r -> r.applicationId(fresh))
                        .join()
                        .importJobsResponse()
                        .item())
                .isEmpty();
        assertThatThrownBy(() -> jobs())
                .as("reset forgot the old application")
                .hasCauseExactlyInstanceOf(NotFoundException.class);
    }
}
