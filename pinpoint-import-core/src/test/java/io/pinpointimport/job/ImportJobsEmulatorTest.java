package io.pinpointimport.job;

import static io.pinpointimport.EmulatedPinpoint.op;
import static io.pinpointimport.EmulatedPinpoint.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.Await;
import io.pinpointimport.EmulatedPinpoint;
import io.pinpointimport.ImportException;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.ServedRequest;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.job.JobEngine;
import io.pinpointimport.internal.job.JobExecution;
import io.pinpointimport.internal.job.JobObserver;
import io.pinpointimport.internal.job.PollInterval;
import io.pinpointimport.pinpoint.PinpointImportTarget;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.JobRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.model.InternalServerErrorException;

/** The job engine against the Pinpoint emulator: lifecycle, service numbers, retries, lost answers, limits. */
class ImportJobsEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final PollingOptions FAST_POLLING = PollingOptions.builder()
            .earlyInterval(Duration.ofMillis(10))
            .minInterval(Duration.ofMillis(10))
            .maxInterval(Duration.ofMillis(40))
            .build();
    private static final RetryOptions FAST_RETRY = RetryOptions.builder()
            .initialDelay(Duration.ofMillis(10))
            .maxDelay(Duration.ofMillis(40))
            .quotaRetryDelay(Duration.ofMillis(20))
            .attemptTimeout(Duration.ofSeconds(5))
            .build();

    /** Each test writes its shards under its own run, as the shared S3 outlives the test. */
    final String run = "run-" + UUID.randomUUID();

    @RegisterExtension
    final EmulatedPinpoint pinpoint = EmulatedPinpoint.start();

    PinpointImportTarget target;

    /** Starts the service with a pace; every test calls this first. */
    private void service(Pace pace) {
        service(pace, PinpointImportTarget.DEFAULT_PAGE_SIZE);
    }

    private void service(Pace pace, int pageSize) {
        if (!pace.equals(Pace.instant())) {
            pinpoint.restart(pace);
        }
        target = PinpointImportTarget.builder()
                .client(pinpoint.client())
                .applicationId(pinpoint.appId())
                .roleArn(EmulatedPinpoint.ROLE)
                .pageSize(pageSize)
                .build();
    }

    private JobEngine engine(JobLimit limit, PollingOptions polling, RetryOptions retry, Duration jobTimeout) {
        return new JobEngine(target, pinpoint.scheduler(), limit, polling, retry, jobTimeout, Clock.systemUTC());
    }

    private JobEngine engine() {
        return engine(JobLimit.ofDefaults(), FAST_POLLING, FAST_RETRY, null);
    }

    private String url(int shard) {
        return "s3://" + EmulatedPinpoint.BUCKET + "/imports/" + run + "/" + String.format("%05d", shard) + "/";
    }

    /** Puts a CSV shard of {@code rows} endpoints (the first {@code withoutAddress} lack their address) in S3. */
    private JobRequest request(int shard, int rows, int withoutAddress) {
        StringBuilder csv = new StringBuilder("ChannelType,Address,Id\n");
        for (int i = 0; i < rows; i++) {
            csv.append("EMAIL,")
                    .append(i < withoutAddress ? "" : "user" + i + "@example.com")
                    .append(",s")
                    .append(shard)
                    .append("-")
                    .append(i)
                    .append('\n');
        }
        String key = "imports/" + run + "/" + String.format("%05d", shard) + "/part.csv";
        EmulatedPinpoint.s3Client()
                .putObject(b -> b.bucket(EmulatedPinpoint.BUCKET).key(key), RequestBody.fromString(csv.toString()));
        return JobRequest.of(url(shard), ImportFormat.CSV, JobOptions.ofDefaults());
    }

    private JobRequest request(int shard) {
        return request(shard, 1, 0);
    }

    private List<ServedRequest> served() {
        return pinpoint.requests();
    }

    @Test
    void walksCreatedInitializingProcessingCompletingCompletedAndReportsTheServiceCounts() {
        service(Pace.steps());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        JobObserver observer = new JobObserver() {
            @Override
            public void status(JobExecution execution, JobSnapshot snapshot) {
                seen.add(snapshot.statusText().orElseThrow());
            }
        };

        ImportResult result =
                engine().submit(request(0, 3, 0), 0, 3, observer).result().join();

        assertThat(seen).containsExactly("CREATED", "INITIALIZING", "PROCESSING", "COMPLETING", "COMPLETED");
        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.s3Url()).isEqualTo(url(0));
        assertThat(result.totalProcessed()).hasValue(3);
        assertThat(result.totalFailures()).hasValue(0);
        assertThat(result.totalPieces()).hasValue(1);
        assertThat(result.completedPieces()).hasValue(1);
        assertThat(result.recordsSubmitted()).hasValue(3);
        assertThat(result.adopted()).isFalse();
        assertThat(result.finishedAt()).isAfterOrEqualTo(result.createdAt());
        assertThat(pinpoint.ops()).containsExactly("create", "get", "get", "get", "get");
        String body = pinpoint.createBody(result.jobId());
        assertThat(body)
                .contains("\"S3Url\":\"" + url(0) + "\"")
                .contains("\"RoleArn\":\"" + EmulatedPinpoint.ROLE + "\"")
                .contains("\"Format\":\"CSV\"")
                .contains("\"RegisterEndpoints\":true")
                .doesNotContain("ExternalId")
                .doesNotContain("DefineSegment");
    }

    @Test
    void sendsSegmentOptionsWhenAsked() {
        service(Pace.instant());
        request(1);
        // a segment to update must exist: the first job defines it
        ImportResult defining = engine().submit(
                        JobRequest.of(
                                url(1),
                                ImportFormat.CSV,
                                JobOptions.builder()
                                        .defineSegment(true)
                                        .segmentName("nov")
                                        .build()),
                        1,
                        1,
                        null)
                .result()
                .join();
        String segmentId = pinpoint.jobs().stream()
                .filter(j -> j.id().equals(defining.jobId()))
                .findFirst()
                .orElseThrow()
                .definition()
                .segmentId();
        assertThat(segmentId).isNotBlank();

        EmulatedPinpoint.s3Client()
                .putObject(
                        b -> b.bucket(EmulatedPinpoint.BUCKET).key("imports/" + run + "/00002/part.json"),
                        RequestBody.fromString("{\"ChannelType\":\"EMAIL\",\"Address\":\"a@example.com\"}\n"));
        JobRequest req = JobRequest.of(
                url(2),
                ImportFormat.JSON,
                JobOptions.builder()
                        .defineSegment(true)
                        .segmentName("nov")
                        .segmentId(segmentId)
                        .build());
        ImportResult result = engine().submit(req, 0, 1, null).result().join();
        assertThat(pinpoint.createBody(result.jobId()))
                .contains("\"DefineSegment\":true")
                .contains("\"SegmentName\":\"nov\"")
                .contains("\"SegmentId\":\"" + segmentId + "\"")
                .contains("\"Format\":\"JSON\"");
    }

    @Test
    void aFailedJobCompletesItsFutureWithTheTypedException() {
        service(Pace.steps());
        pinpoint.faults().failNextJob("piece 0: access denied");

        CompletableFuture<ImportResult> f =
                engine().submit(request(1, 5, 0), 1, 5, null).result();

        assertThatThrownBy(f::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(ImportJobFailedException.class, e -> {
                    assertThat(e).isInstanceOf(ImportException.class);
                    assertThat(e.jobId()).isNotBlank();
                    assertThat(e.s3Url()).isEqualTo(url(1));
                    assertThat(e.failures()).containsExactly("piece 0: access denied");
                    assertThat(e.result().orElseThrow().failedPieces()).hasValue(1);
                    assertThat(e.getMessage())
                            .contains(e.jobId())
                            .contains(e.s3Url())
                            .doesNotContain("access denied");
                });
    }

    @Test
    void aCompletedJobWithRowFailuresCompletesNormallyWithTheServiceNumbers() {
        service(Pace.instant());
        // two of the ten rows have no address: the service fails them and completes the job
        ImportResult result =
                engine().submit(request(2, 10, 2), 2, 10, null).result().join();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.totalProcessed()).hasValue(10);
        assertThat(result.totalFailures()).hasValue(2);
        assertThat(result.failures()).hasSize(2).allSatisfy(l -> assertThat(l).contains("Missing Address"));
        assertThat(result.toString()).doesNotContain("Missing Address");
    }

    @Test
    void burstsOf429OnCreateAndOnGetAreRetriedWithoutASecondJob() {
        service(Pace.instant());
        pinpoint.faults().throttleNext(Operation.CREATE_IMPORT_JOB, 3).throttleNext(Operation.GET_IMPORT_JOB, 3);

        ImportResult result = engine().submit(request(4), 4, 1, null).result().join();
        List<String> ops = served().stream().map(r -> op(r) + ":" + status(r)).toList();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(pinpoint.jobsFor(url(4))).isEqualTo(1);
        assertThat(ops.subList(0, 4))
                .containsExactly("create:error 429", "create:error 429", "create:error 429", "create:CREATED");
        // Throttled creates were refused, so no listing was needed before retrying them.
        assertThat(ops).noneMatch(o -> o.startsWith("list"));
        assertThat(ops.stream().filter(o -> o.equals("get:error 429")).count()).isEqualTo(3);
    }

    @Test
    void theSdkDoesNotRetryBehindTheLibrarysBack() {
        service(Pace.instant());
        pinpoint.faults().failNext(Operation.CREATE_IMPORT_JOB, 1, ModelledError.INTERNAL_SERVER_ERROR, "boom");
        RetryOptions once = FAST_RETRY.toBuilder().maxAttempts(1).build();

        CompletableFuture<ImportResult> f = engine(JobLimit.ofDefaults(), FAST_POLLING, once, null)
                .submit(request(5), 5, 1, null)
                .result();

        assertThatThrownBy(f::join)
                .cause()
                .isInstanceOf(ImportException.class)
                .hasRootCauseInstanceOf(InternalServerErrorException.class);
        // exactly one create on the wire (the SDK's default strategy would have sent 3), then a last look by URL
        assertThat(pinpoint.ops()).containsExactly("create", "list");
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        service(Pace.instant());
        pinpoint.faults().failNext(Operation.CREATE_IMPORT_JOB, 1, ModelledError.FORBIDDEN, "Forbidden");

        CompletableFuture<ImportResult> f =
                engine().submit(request(6), 6, 1, null).result();

        assertThatThrownBy(f::join)
                .cause()
                .isInstanceOf(ImportException.class)
                .hasCauseInstanceOf(ImportTargetException.class)
                .satisfies(e -> assertThat(((ImportTargetException) e.getCause()).kind())
                        .isEqualTo(ImportTargetException.Kind.PERMANENT));
        assertThat(pinpoint.ops()).containsExactly("create");
    }

    @Test
    void aCreateRefusedForTheQuotaIsRetriedLaterNotFailed() {
        service(Pace.instant());
        pinpoint.faults()
                .failNext(
                        Operation.CREATE_IMPORT_JOB,
                        4,
                        ModelledError.BAD_REQUEST,
                        "Exceeded the limit of active import jobs");
        RetryOptions once = FAST_RETRY.toBuilder().maxAttempts(1).build();

        ImportResult result = engine(JobLimit.ofDefaults(), FAST_POLLING, once, null)
                .submit(request(7), 7, 1, null)
                .result()
                .join();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(pinpoint.count(Operation.CREATE_IMPORT_JOB)).isEqualTo(5);
        assertThat(pinpoint.jobsFor(url(7))).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerIsLostEndsWithExactlyOneJob() {
        // one job per page: the lookup has to page to find ours among the application's other jobs
        service(Pace.instant(), 1);
        pinpoint.faults().dropNextCreateAfterRecording();
        ImportResult other = engine().submit(request(20), 20, 1, null).result().join();
        engine().submit(request(21), 21, 1, null).result().join();
        pinpoint.faults().dropNextCreateAfterRecording();

        ImportResult result = engine().submit(request(8), 8, 1, null).result().join();
        List<ServedRequest> served = served();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.adopted()).isTrue();
        assertThat(pinpoint.jobsFor(url(8))).isEqualTo(1);
        assertThat(pinpoint.jobsFor(url(20))).isEqualTo(1);
        assertThat(other.adopted()).isTrue();
        List<ServedRequest> forShard = served.stream()
                .filter(r -> url(8).equals(r.s3Url()) && op(r).equals("create"))
                .toList();
        assertThat(forShard).hasSize(1);
        assertThat(served.stream().filter(r -> op(r).equals("list")).count())
                .as("the lookups paged")
                .isGreaterThan(2);
    }

    @Test
    void aCreateAnswered500AfterTheJobStartedAlsoEndsWithOneJob() {
        // one state per check: the adopted job is still running when found, so it is checked
        service(Pace.steps());
        pinpoint.faults().failNextCreateAfterRecording(ModelledError.INTERNAL_SERVER_ERROR);
        ImportResult result = engine().submit(request(9), 9, 1, null).result().join();
        List<String> ops = pinpoint.ops();
        assertThat(result.adopted()).isTrue();
        assertThat(pinpoint.jobsFor(url(9))).isEqualTo(1);
        assertThat(ops).startsWith("create", "list", "get");
    }

    @Test
    void checkGapsFollowTheJobsAgeKeepTheirFloorAndJitterAndStopAtTheTerminalStatus() {
        // four steps of 300 ms: the job runs about 1.2 s, long enough for a score of checks
        service(Pace.timed(Duration.ofMillis(300)));
        // warm the client up first, so that connection set-up does not stretch the first gap
        engine().submit(request(99), 99, 1, null).result().join();
        // the defaults' shape, 600 times faster: 10 ms checks for the first 100 ms, then half the age, 40-160 ms
        PollingOptions polling = PollingOptions.builder()
                .earlyPeriod(Duration.ofMillis(100))
                .earlyInterval(Duration.ofMillis(10))
                .ageFraction(0.5)
                .minInterval(Duration.ofMillis(40))
                .maxInterval(Duration.ofMillis(160))
                .jitter(0.5)
                .build();
        PollInterval interval = PollInterval.of(polling);

        String jobId = engine(JobLimit.ofDefaults(), polling, FAST_RETRY, null)
                .submit(request(10), 10, 1, null)
                .result()
                .join()
                .jobId();

        List<ServedRequest> log = served().stream()
                .filter(r -> jobId.equals(r.jobId()) && url(10).equals(r.s3Url()))
                .toList();
        assertThat(log).extracting(EmulatedPinpoint::op).first().isEqualTo("create");
        List<ServedRequest> gets = log.subList(1, log.size());
        assertThat(gets).extracting(EmulatedPinpoint::op).containsOnly("get").hasSizeGreaterThan(5);
        assertThat(gets.get(gets.size() - 1).jobStatus()).isEqualTo("COMPLETED");
        assertThat(gets.subList(0, gets.size() - 1))
                .extracting(ServedRequest::jobStatus)
                .doesNotContain("COMPLETED");
        List<Long> earlyGaps = new ArrayList<>();
        List<Long> lateGaps = new ArrayList<>();
        for (int i = 1; i < gets.size(); i++) {
            long gapMs = (gets.get(i).receivedNanos() - gets.get(i - 1).receivedNanos()) / 1_000_000;
            // The age at which check i was scheduled is at least this: the create answered before the first check
            // was sent, and check i - 1 answered after it was sent. The shortest wait only grows with the age.
            long ageAtLeastMs = (gets.get(i - 1).receivedNanos() - gets.get(0).receivedNanos()) / 1_000_000;
            assertThat(gapMs)
                    .as("gap before check %d, job at least %d ms old", i + 1, ageAtLeastMs)
                    .isGreaterThanOrEqualTo(interval.band(ageAtLeastMs)[0] - 1);
            (ageAtLeastMs >= 100 ? lateGaps : earlyGaps).add(gapMs);
        }
        assertThat(lateGaps)
                .as("after the early period, never closer than minInterval")
                .isNotEmpty()
                .allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(39));
        assertThat(new HashSet<>(lateGaps))
                .as("age-based gaps are spread, not in lockstep: %s", lateGaps)
                .hasSizeGreaterThan(2);
        // after COMPLETED: no more checks, nothing left scheduled
        int count = pinpoint.requestCount();
        Await.holdsFor(
                Duration.ofMillis(400), "no request after the terminal status", () -> pinpoint.requestCount() == count);
        assertThat(pinpoint.scheduler().getQueue()).isEmpty();
    }

    @Test
    void sevenShardsWithALimitOfTwoNeverRunMoreThanTwoAndAllComplete() {
        service(Pace.steps());
        JobLimit limit = JobLimit.of(2);
        JobEngine engine = engine(limit, FAST_POLLING, FAST_RETRY, null);

        List<CompletableFuture<ImportResult>> futures = IntStream.range(0, 7)
                .mapToObj(i -> engine.submit(request(i), i, 1, null).result())
                .toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

        assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(JobStatus.COMPLETED));
        assertThat(pinpoint.jobUrls()).hasSize(7).doesNotHaveDuplicates();
        // from the server's request log: a job runs from its create to the check that answered COMPLETED
        Set<String> running = new HashSet<>();
        int max = 0;
        for (ServedRequest r : served()) {
            if (op(r).equals("create")) {
                running.add(r.jobId());
            } else if (op(r).equals("get") && "COMPLETED".equals(r.jobStatus())) {
                running.remove(r.jobId());
            }
            max = Math.max(max, running.size());
        }
        assertThat(max).isLessThanOrEqualTo(2);
        assertThat(running).isEmpty();
        assertThat(limit.running()).isZero();
    }

    @Test
    void cancellingJobsMidWayStopsEveryRequestAndFreesTheSlots() {
        service(EmulatedPinpoint.endless());
        JobLimit limit = JobLimit.of(2);
        JobEngine engine = engine(limit, FAST_POLLING, FAST_RETRY, null);
        List<CompletableFuture<ImportResult>> futures = IntStream.range(0, 4)
                .mapToObj(i -> engine.submit(request(i), i, 1, null).result())
                .toList();
        Await.until(
                WAIT,
                "both running jobs checked twice",
                () -> served().stream()
                                .filter(r -> op(r).equals("get"))
                                .collect(Collectors.groupingBy(ServedRequest::jobId))
                                .values()
                                .stream()
                                .filter(l -> l.size() >= 2)
                                .count()
                        == 2);

        int atCancel = pinpoint.requestCount();

        engine.cancelAll();

        assertThat(futures).allSatisfy(f -> assertThat(f).isCancelled());
        assertThat(limit.running()).isZero();
        assertThat(limit.waiting()).isZero();
        pinpoint.assertSilentAfterCancel(atCancel, 2);
        assertThat(pinpoint.jobUrls()).hasSize(2);
    }

    @Test
    void aJobThatOutrunsItsTimeoutStopsBeingWatchedAndFreesItsSlot() {
        service(EmulatedPinpoint.endless());
        JobLimit limit = JobLimit.of(1);
        // 2 s: long enough for the create to answer on a loaded machine, far shorter than the job

        CompletableFuture<ImportResult> f = engine(limit, FAST_POLLING, FAST_RETRY, Duration.ofSeconds(2))
                .submit(request(11), 11, 1, null)
                .result();

        assertThatThrownBy(f::join).cause().isInstanceOfSatisfying(JobTimeoutException.class, e -> {
            assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(e.jobId()).isPresent();
            assertThat(e.s3Url()).isEqualTo(url(11));
        });
        assertThat(limit.running()).isZero();
        Await.until(
                WAIT,
                "nothing scheduled any more",
                () -> pinpoint.scheduler().getQueue().isEmpty());
    }
}
