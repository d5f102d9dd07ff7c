package io.pinpointimport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pinpointimport.Await;
import io.pinpointimport.ImportException;
import io.pinpointimport.PinpointStub;
import io.pinpointimport.PinpointStub.Event;
import io.pinpointimport.PinpointStub.Outcome;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.InternalServerErrorException;

class ImportJobsWireMockTest {
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

    final PinpointStub stub = new PinpointStub();

    @RegisterExtension
    final WireMockExtension wm = stub.extension();

    PinpointAsyncClient client;
    ScheduledThreadPoolExecutor scheduler;
    PinpointImportTarget target;

    @BeforeEach
    void setUp() {
        stub.install(wm);
        client = PinpointStub.client(wm);
        scheduler = new ScheduledThreadPoolExecutor(2);
        scheduler.setRemoveOnCancelPolicy(true);
        target = PinpointImportTarget.builder()
                .client(client)
                .applicationId(PinpointStub.APP)
                .roleArn(PinpointStub.ROLE)
                .build();
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        client.close();
    }

    private JobEngine engine(JobLimit limit, PollingOptions polling, RetryOptions retry, Duration jobTimeout) {
        return new JobEngine(target, scheduler, limit, polling, retry, jobTimeout, Clock.systemUTC());
    }

    private JobEngine engine() {
        return engine(JobLimit.ofDefaults(), FAST_POLLING, FAST_RETRY, null);
    }

    private static JobRequest request(int shard) {
        return JobRequest.of(
                "s3://bucket/imports/run-1/" + String.format("%05d", shard) + "/",
                ImportFormat.CSV,
                JobOptions.ofDefaults());
    }

    @Test
    void walksCreatedInitializingProcessingCompletedAndReportsTheServiceCounts() {
        stub.outcomes(url -> new Outcome("COMPLETED", 3, 0, List.of(), 1, 0));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        JobObserver observer = new JobObserver() {
            @Override
            public void status(JobExecution execution, JobSnapshot snapshot) {
                seen.add(snapshot.statusText().orElseThrow());
            }
        };

        ImportResult result =
                engine().submit(request(0), 0, 3, observer).result().join();

        assertThat(seen).containsExactly("CREATED", "INITIALIZING", "PROCESSING", "COMPLETED");
        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.s3Url()).isEqualTo(request(0).s3Url());
        assertThat(result.totalProcessed()).hasValue(3);
        assertThat(result.totalFailures()).hasValue(0);
        assertThat(result.totalPieces()).hasValue(1);
        assertThat(result.completedPieces()).hasValue(1);
        assertThat(result.recordsSubmitted()).hasValue(3);
        assertThat(result.adopted()).isFalse();
        assertThat(result.finishedAt()).isAfterOrEqualTo(result.createdAt());
        assertThat(stub.log()).extracting(Event::op).containsExactly("create", "get", "get", "get");
        String body = stub.createBody(result.jobId());
        assertThat(body)
                .contains("\"S3Url\":\"s3://bucket/imports/run-1/00000/\"")
                .contains("\"RoleArn\":\"" + PinpointStub.ROLE + "\"")
                .contains("\"Format\":\"CSV\"")
                .contains("\"RegisterEndpoints\":true")
                .doesNotContain("ExternalId")
                .doesNotContain("DefineSegment");
    }

    @Test
    void sendsSegmentOptionsWhenAsked() {
        JobRequest req = JobRequest.of(
                "s3://bucket/p/00000/",
                ImportFormat.JSON,
                JobOptions.builder()
                        .defineSegment(true)
                        .segmentName("nov")
                        .segmentId("seg-1")
                        .build());
        ImportResult result = engine().submit(req, 0, 1, null).result().join();
        assertThat(stub.createBody(result.jobId()))
                .contains("\"DefineSegment\":true")
                .contains("\"SegmentName\":\"nov\"")
                .contains("\"SegmentId\":\"seg-1\"")
                .contains("\"Format\":\"JSON\"");
    }

    @Test
    void aFailedJobCompletesItsFutureWithTheTypedException() {
        stub.lifecycle("CREATED", "PROCESSING", "FAILING", "FAILED")
                .outcomes(url -> new Outcome("FAILED", 0, 0, List.of("piece 0: access denied"), 1, 1));

        CompletableFuture<ImportResult> f =
                engine().submit(request(1), 1, 5, null).result();

        assertThatThrownBy(f::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(ImportJobFailedException.class, e -> {
                    assertThat(e).isInstanceOf(ImportException.class);
                    assertThat(e.jobId()).isNotBlank();
                    assertThat(e.s3Url()).isEqualTo(request(1).s3Url());
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
        stub.outcomes(url ->
                new Outcome("COMPLETED", 8, 2, List.of("line 3: Missing Address", "line 7: Missing Address"), 1, 0));

        ImportResult result = engine().submit(request(2), 2, 10, null).result().join();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.totalProcessed()).hasValue(8);
        assertThat(result.totalFailures()).hasValue(2);
        assertThat(result.failures()).hasSize(2);
        assertThat(result.toString()).doesNotContain("Missing Address");
    }

    @Test
    void countsTheServiceDidNotReportStayEmpty() {
        stub.outcomes(url -> new Outcome("COMPLETED", null, null, List.of(), 1, 0));
        ImportResult result = engine().submit(request(3), 3, 4, null).result().join();
        assertThat(result.totalProcessed()).isEmpty();
        assertThat(result.totalFailures()).isEmpty();
    }

    @Test
    void burstsOf429OnCreateAndOnGetAreRetriedWithoutASecondJob() {
        stub.failCreates(3, 429, "TooManyRequestsException", "TooManyRequests")
                .failGets(3, 429, "TooManyRequestsException", "TooManyRequests");

        ImportResult result = engine().submit(request(4), 4, 1, null).result().join();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(stub.jobsFor(request(4).s3Url())).isEqualTo(1);
        List<String> ops =
                stub.log().stream().map(e -> e.op() + ":" + e.status()).toList();
        assertThat(ops.subList(0, 4))
                .containsExactly("create:error 429", "create:error 429", "create:error 429", "create:CREATED");
        // Throttled creates were refused, so no listing was needed before retrying them.
        assertThat(ops).noneMatch(o -> o.startsWith("list"));
        assertThat(ops.stream().filter(o -> o.equals("get:error 429")).count()).isEqualTo(3);
    }

    @Test
    void theSdkDoesNotRetryBehindTheLibrarysBack() {
        stub.failCreates(1, 500, "InternalServerErrorException", "boom");
        RetryOptions once = FAST_RETRY.toBuilder().maxAttempts(1).build();

        CompletableFuture<ImportResult> f = engine(JobLimit.ofDefaults(), FAST_POLLING, once, null)
                .submit(request(5), 5, 1, null)
                .result();

        assertThatThrownBy(f::join)
                .cause()
                .isInstanceOf(ImportException.class)
                .hasRootCauseInstanceOf(InternalServerErrorException.class);
        // exactly one create on the wire (the SDK's default strategy would have sent 3), then a last look by URL
        assertThat(stub.log()).extracting(Event::op).containsExactly("create", "list");
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        stub.failCreates(1, 403, "ForbiddenException", "Forbidden");

        CompletableFuture<ImportResult> f =
                engine().submit(request(6), 6, 1, null).result();

        assertThatThrownBy(f::join)
                .cause()
                .isInstanceOf(ImportException.class)
                .hasCauseInstanceOf(ImportTargetException.class)
                .satisfies(e -> assertThat(((ImportTargetException) e.getCause()).kind())
                        .isEqualTo(ImportTargetException.Kind.PERMANENT));
        assertThat(stub.log()).extracting(Event::op).containsExactly("create");
    }

    @Test
    void aCreateRefusedForTheQuotaIsRetriedLaterNotFailed() {
        stub.failCreates(4, 400, "BadRequestException", "Exceeded the limit of active import jobs");
        RetryOptions once = FAST_RETRY.toBuilder().maxAttempts(1).build();

        ImportResult result = engine(JobLimit.ofDefaults(), FAST_POLLING, once, null)
                .submit(request(7), 7, 1, null)
                .result()
                .join();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(stub.log().stream().filter(e -> e.op().equals("create")).count())
                .isEqualTo(5);
        assertThat(stub.jobsFor(request(7).s3Url())).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerIsLostEndsWithExactlyOneJob() {
        stub.loseNextCreateAnswer(false);
        stub.listPageSizeCap(1);
        // other jobs of the application exist, so the lookup has to page to find ours
        ImportResult other = engine().submit(request(20), 20, 1, null).result().join();
        engine().submit(request(21), 21, 1, null).result().join();
        stub.loseNextCreateAnswer(false);

        ImportResult result = engine().submit(request(8), 8, 1, null).result().join();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.adopted()).isTrue();
        assertThat(stub.jobsFor(request(8).s3Url())).isEqualTo(1);
        assertThat(stub.jobsFor(request(20).s3Url())).isEqualTo(1);
        assertThat(other.adopted()).isTrue();
        List<Event> forShard = stub.log().stream()
                .filter(e -> request(8).s3Url().equals(e.s3Url()) && e.op().equals("create"))
                .toList();
        assertThat(forShard).hasSize(1);
    }

    @Test
    void aCreateAnswered500AfterTheJobStartedAlsoEndsWithOneJob() {
        stub.loseNextCreateAnswer(true);
        ImportResult result = engine().submit(request(9), 9, 1, null).result().join();
        assertThat(result.adopted()).isTrue();
        assertThat(stub.jobsFor(request(9).s3Url())).isEqualTo(1);
        assertThat(stub.log()).extracting(Event::op).startsWith("create", "list", "get");
    }

    @Test
    void checkGapsFollowTheJobsAgeKeepTheirFloorAndJitterAndStopAtTheTerminalStatus() {
        // 30 checks: whatever the jitter draws, the first 20 waits add up to 100 ms or more, so the last 10 are
        // scheduled after the early period
        String[] lifecycle = new String[31];
        Arrays.fill(lifecycle, "PROCESSING");
        lifecycle[0] = "CREATED";
        lifecycle[30] = "COMPLETED";
        stub.lifecycle(lifecycle);
        // the defaults' shape, 600 times faster: 10 ms checks for the first 100 ms, then half the age, 40-160 ms
        PollingOptions polling = PollingOptions.builder()
                .earlyPeriod(Duration.ofMillis(100))
                .earlyInterval(Duration.ofMillis(10))
                .ageFraction(0.5)
                .minInterval(Duration.ofMillis(40))
                .maxInterval(Duration.ofMillis(160))
                .jitter(0.5)
                .build();
        // The waits the engine computed, as it handed them to the scheduler: what the code decides, free of how
        // late a loaded machine runs them.
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        ScheduledThreadPoolExecutor recording = new ScheduledThreadPoolExecutor(2) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                if (StackWalker.getInstance()
                        .walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("scheduleCheck")))) {
                    waits.add(unit.toMillis(delay));
                }
                return super.schedule(command, delay, unit);
            }
        };
        recording.setRemoveOnCancelPolicy(true);
        try {
            checksFollowTheAge(recording, polling, waits);
        } finally {
            recording.shutdownNow();
        }
    }

    private void checksFollowTheAge(ScheduledThreadPoolExecutor recording, PollingOptions polling, List<Long> waits) {
        PollInterval interval = PollInterval.of(polling);
        String jobId = new JobEngine(
                        target, recording, JobLimit.ofDefaults(), polling, FAST_RETRY, null, Clock.systemUTC())
                .submit(request(10), 10, 1, null)
                .result()
                .join()
                .jobId();

        List<Event> log = stub.log().stream()
                .filter(e -> jobId.equals(e.jobId()) && request(10).s3Url().equals(e.s3Url()))
                .toList();
        assertThat(log).extracting(Event::op).first().isEqualTo("create");
        List<Event> gets = log.subList(1, log.size());
        assertThat(gets).extracting(Event::op).containsOnly("get").hasSize(30);
        assertThat(gets.get(gets.size() - 1).status()).isEqualTo("COMPLETED");
        assertThat(waits).as("one wait before each check").hasSize(gets.size());
        List<Long> lateWaits = new ArrayList<>();
        // The job is at least as old as the waits before it when the next wait is computed (a scheduler never runs
        // a task early), and the shortest wait only grows with the age.
        long ageAtLeastMs = 0;
        for (int i = 0; i < waits.size(); i++) {
            long wait = waits.get(i);
            assertThat(wait)
                    .as("wait before check %d, job at least %d ms old", i + 1, ageAtLeastMs)
                    .isBetween(
                            interval.band(ageAtLeastMs)[0],
                            polling.maxInterval().toMillis());
            if (i > 0) {
                long gapMs = (gets.get(i).nanos() - gets.get(i - 1).nanos()) / 1_000_000;
                assertThat(gapMs).as("gap before check %d", i + 1).isGreaterThanOrEqualTo(wait - 1);
            }
            if (ageAtLeastMs >= polling.earlyPeriod().toMillis()) {
                lateWaits.add(wait);
            }
            ageAtLeastMs += wait;
        }
        assertThat(lateWaits)
                .as("after the early period, never closer than minInterval, so further apart than any early check")
                .hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(40).isGreaterThan(interval.band(0)[1]));
        assertThat(new HashSet<>(lateWaits))
                .as("age-based waits are spread, not in lockstep: %s", lateWaits)
                .hasSizeGreaterThan(2);
        // after COMPLETED: no more checks, nothing left scheduled
        int count = stub.requestCount();
        Await.holdsFor(
                Duration.ofMillis(400), "no request after the terminal status", () -> stub.requestCount() == count);
        assertThat(recording.getQueue()).isEmpty();
    }

    @Test
    void sevenShardsWithALimitOfTwoNeverRunMoreThanTwoAndAllComplete() {
        stub.lifecycle("CREATED", "INITIALIZING", "PROCESSING", "PROCESSING", "COMPLETED");
        JobLimit limit = JobLimit.of(2);
        JobEngine engine = engine(limit, FAST_POLLING, FAST_RETRY, null);

        List<CompletableFuture<ImportResult>> futures = IntStream.range(0, 7)
                .mapToObj(i -> engine.submit(request(i), i, 1, null).result())
                .toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

        assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(JobStatus.COMPLETED));
        assertThat(stub.jobUrls()).hasSize(7).doesNotHaveDuplicates();
        // from the server's request log: a job runs from its create to the check that answered COMPLETED
        Set<String> running = new HashSet<>();
        int max = 0;
        for (Event e : stub.log()) {
            if (e.op().equals("create")) {
                running.add(e.jobId());
            } else if (e.op().equals("get") && "COMPLETED".equals(e.status())) {
                running.remove(e.jobId());
            }
            max = Math.max(max, running.size());
        }
        assertThat(max).isEqualTo(2);
        assertThat(running).isEmpty();
        assertThat(limit.running()).isZero();
    }

    @Test
    void cancellingJobsMidWayStopsEveryRequestAndFreesTheSlots() {
        String[] lifecycle = new String[200];
        Arrays.fill(lifecycle, "PROCESSING");
        lifecycle[0] = "CREATED";
        stub.lifecycle(lifecycle);
        JobLimit limit = JobLimit.of(2);
        JobEngine engine = engine(limit, FAST_POLLING, FAST_RETRY, null);
        List<CompletableFuture<ImportResult>> futures = IntStream.range(0, 4)
                .mapToObj(i -> engine.submit(request(i), i, 1, null).result())
                .toList();
        Await.until(
                WAIT,
                "both running jobs checked twice",
                () -> stub.log().stream()
                                .filter(e -> e.op().equals("get"))
                                .collect(Collectors.groupingBy(Event::jobId))
                                .values()
                                .stream()
                                .filter(l -> l.size() >= 2)
                                .count()
                        == 2);

        int atCancel = stub.requestCount();

        engine.cancelAll();

        assertThat(futures).allSatisfy(f -> assertThat(f).isCancelled());
        assertThat(limit.running()).isZero();
        assertThat(limit.waiting()).isZero();
        Await.until(
                WAIT, "nothing scheduled any more", () -> scheduler.getQueue().isEmpty());
        // at most the calls already on the wire (one per running job) may still land; then nothing more
        Await.holdsFor(
                Duration.ofMillis(300), "at most the in-flight calls land", () -> stub.requestCount() <= atCancel + 2);
        int count = stub.requestCount();
        Await.holdsFor(Duration.ofMillis(500), "no further requests after cancel", () -> stub.requestCount() == count);
        assertThat(stub.jobUrls()).hasSize(2);
    }

    @Test
    void aJobThatOutrunsItsTimeoutStopsBeingWatchedAndFreesItsSlot() {
        String[] lifecycle = new String[500];
        Arrays.fill(lifecycle, "PROCESSING");
        lifecycle[0] = "CREATED";
        stub.lifecycle(lifecycle);
        JobLimit limit = JobLimit.of(1);
        // 2 s: long enough for the create to answer on a loaded machine, far shorter than the 500 polls of PROCESSING

        CompletableFuture<ImportResult> f = engine(limit, FAST_POLLING, FAST_RETRY, Duration.ofSeconds(2))
                .submit(request(11), 11, 1, null)
                .result();

        assertThatThrownBy(f::join).cause().isInstanceOfSatisfying(JobTimeoutException.class, e -> {
            assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(e.jobId()).isPresent();
            assertThat(e.s3Url()).isEqualTo(request(11).s3Url());
        });
        assertThat(limit.running()).isZero();
        Await.until(
                WAIT, "nothing scheduled any more", () -> scheduler.getQueue().isEmpty());
    }
}
