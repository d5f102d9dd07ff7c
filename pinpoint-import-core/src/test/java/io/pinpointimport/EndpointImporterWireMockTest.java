package io.pinpointimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pinpointimport.PinpointStub.Event;
import io.pinpointimport.PinpointStub.Outcome;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.job.JobTimeoutException;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;

class EndpointImporterWireMockTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    final PinpointStub stub = new PinpointStub();

    @RegisterExtension
    final WireMockExtension wm = stub.extension();

    @TempDir
    Path temp;

    PinpointAsyncClient client;
    MemoryShardStore store;
    ScheduledThreadPoolExecutor scheduler;

    @BeforeEach
    void setUp() {
        stub.install(wm);
        client = PinpointStub.client(wm);
        store = new MemoryShardStore();
        scheduler = new ScheduledThreadPoolExecutor(2);
        scheduler.setRemoveOnCancelPolicy(true);
        // the stub processes exactly what the store holds for the job's URL
        stub.outcomes(url -> new Outcome("COMPLETED", (int) store.records(url), 0, List.of(), 1, 0));
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        client.close();
    }

    private EndpointImporter.Builder importer() {
        return EndpointImporter.builder()
                .pinpoint(client)
                .applicationId(PinpointStub.APP)
                .roleArn(PinpointStub.ROLE)
                .shardStore(store)
                .scheduler(scheduler)
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10)).maxInterval(Duration.ofMillis(40)))
                .retry(r -> r.initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(40)));
    }

    private static EndpointDefinition valid(int i) {
        return EndpointDefinition.builder().id("ep-" + i).channelType(ChannelType.EMAIL)
                .address("user" + i + "@example.com").build();
    }

    private static EndpointDefinition invalid(int i) {
        return EndpointDefinition.builder().channelType(ChannelType.EMAIL).build(); // no address
    }

    private static List<EndpointDefinition> mixed(int n, int... badAt) {
        List<EndpointDefinition> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int idx = i;
            list.add(IntStream.of(badAt).anyMatch(b -> b == idx) ? invalid(i) : valid(i));
        }
        return list;
    }

    private static void assertAccounting(ImportSummary s) {
        assertThat(s.recordsRead()).isEqualTo(s.recordsRejected() + s.recordsSubmitted());
        long perJob = s.results().stream().mapToLong(r -> r.recordsSubmitted().orElseThrow()).sum()
                + s.jobErrors().stream().mapToLong(JobError::records).sum();
        assertThat(perJob).isEqualTo(s.recordsSubmitted());
        assertThat(s.results().size() + s.jobErrors().size()).isEqualTo(s.shards());
    }

    @Test
    void endToEndDefinitionsToShardsToStoreToJobsToSummary() {
        List<ImportProgress> progress = Collections.synchronizedList(new ArrayList<>());
        List<ImportResult> ended = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<ImportSummary> heard = new AtomicReference<>();
        List<EndpointDefinition> input = new ArrayList<>(SeedExamples.endpoints());
        input.addAll(mixed(8, 2, 5));
        try (EndpointImporter importer = importer().maxRecordsPerShard(3).listener(new ImportListener() {
            @Override
            public void progress(ImportProgress p) {
                progress.add(p);
            }

            @Override
            public void jobEnded(ImportResult result) {
                ended.add(result);
            }

            @Override
            public void runEnded(ImportSummary summary) {
                heard.set(summary);
            }
        }).build()) {
            ImportRun run = importer.importEndpoints(input);
            List<CompletableFuture<ImportResult>> jobs = run.jobs().join();
            ImportSummary s = run.summary().join();

            assertThat(s.recordsRead()).isEqualTo(11);
            assertThat(s.recordsRejected()).isEqualTo(2);
            assertThat(s.recordsSubmitted()).isEqualTo(9);
            assertThat(s.shards()).isEqualTo(3).isEqualTo(jobs.size());
            assertAccounting(s);
            assertThat(s.rejections()).extracting(r -> r.rule()).containsOnly(Rule.ADDRESS_REQUIRED);
            assertThat(s.rejections()).extracting(r -> r.recordIndex()).containsExactly(5L, 8L);
            assertThat(s.results()).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
                // the service's number, as it gave it
                assertThat(r.totalProcessed().orElseThrow()).isEqualTo((int) store.records(r.s3Url()));
            });
            assertThat(s.serviceProcessed()).isEqualTo(9);
            assertThat(s.isClean()).isFalse();
            assertThat(jobs).allSatisfy(f -> assertThat(f).isCompleted());
            assertThat(stub.jobUrls()).hasSize(3).doesNotHaveDuplicates();
            assertThat(store.objects()).hasSize(3);
            String firstShard = new String(store.objects().entrySet().stream()
                    .filter(e -> e.getKey().contains("/00000/")).findFirst().orElseThrow().getValue(),
                    StandardCharsets.UTF_8);
            assertThat(firstShard).startsWith("ChannelType,Address").contains("example-user-id-1");
            assertThat(heard.get()).isEqualTo(s);
            assertThat(ended).hasSize(3);
            ImportProgress last = progress.get(progress.size() - 1);
            assertThat(last.inputDone()).isTrue();
            assertThat(last.recordsRead()).isEqualTo(11);
            assertThat(last.jobsEnded()).isEqualTo(3);
            assertThat(last.processed()).isEqualTo(9);
            assertThat(s.toString()).doesNotContain("example.com");
        }
        assertThat(Files.exists(temp) ? temp.toFile().list() : new String[0]).isEmpty();
    }

    @Test
    void aFailedJobFailsItsOwnFutureAndTheSummaryStillReportsEveryJob() {
        stub.outcomes(url -> url.contains("/00001/")
                ? new Outcome("FAILED", 0, (int) store.records(url), List.of("piece 0 failed"), 1, 1)
                : new Outcome("COMPLETED", (int) store.records(url), 0, List.of(), 1, 0))
                .lifecycle("CREATED", "PROCESSING", "COMPLETED");
        try (EndpointImporter importer = importer().maxRecordsPerShard(2).build()) {
            ImportRun run = importer.importEndpoints(mixed(6).stream());
            ImportSummary s = run.summary().join();

            assertThat(s.results()).hasSize(3);
            assertThat(s.jobsCompleted()).isEqualTo(2);
            assertThat(s.jobsFailed()).isEqualTo(1);
            assertAccounting(s);
            CompletableFuture<ImportResult> failed = run.jobs().join().get(1);
            assertThatThrownBy(failed::join).cause().isInstanceOfSatisfying(ImportJobFailedException.class,
                    e -> assertThat(e.failures()).containsExactly("piece 0 failed"));
            assertThat(s.serviceFailed()).isEqualTo(2);
        }
    }

    @Test
    void aCompletedJobWithRowFailuresKeepsTheServiceNumbers() {
        stub.outcomes(url -> new Outcome("COMPLETED", (int) store.records(url) - 1, 1, List.of("line 2: bad"), 1, 0));
        try (EndpointImporter importer = importer().build()) {
            ImportSummary s = importer.importEndpoints(mixed(5).iterator()).summary().join();
            assertThat(s.results()).singleElement().satisfies(r -> {
                assertThat(r.totalProcessed()).hasValue(4);
                assertThat(r.totalFailures()).hasValue(1);
                assertThat(r.failures()).containsExactly("line 2: bad");
            });
            assertThat(s.serviceProcessed()).isEqualTo(4);
            assertThat(s.serviceFailed()).isEqualTo(1);
            assertAccounting(s);
        }
    }

    @Test
    void failOnFirstStopsTheRunBeforeAnyJobStarts() {
        try (EndpointImporter importer = importer().maxRecordsPerShard(2)
                .badRecordPolicy(BadRecordPolicy.failOnFirst()).build()) {
            ImportRun run = importer.importEndpoints(mixed(10, 7));
            assertThatThrownBy(() -> run.summary().join()).cause()
                    .isInstanceOfSatisfying(TooManyRejectionsException.class, e -> {
                        assertThat(e.rejections()).singleElement().satisfies(r -> assertThat(r.recordIndex())
                                .isEqualTo(7));
                        assertThat(e.getMessage()).doesNotContain("example.com");
                    });
            assertThat(stub.log()).extracting(Event::op).doesNotContain("create");
            Await.until(WAIT, "stored shards deleted", () -> store.deletedRuns().contains(run.runId()));
            assertThat(run.jobs()).isCompletedExceptionally();
        }
    }

    @Test
    void failAfterToleratesUpToItsLimit() {
        try (EndpointImporter importer = importer().badRecordPolicy(BadRecordPolicy.failAfter(2)).build()) {
            ImportSummary ok = importer.importEndpoints(mixed(6, 1, 4)).summary().join();
            assertThat(ok.recordsRejected()).isEqualTo(2);
            assertAccounting(ok);

            CompletableFuture<ImportSummary> tooMany = importer.importEndpoints(mixed(6, 1, 3, 4)).summary();
            assertThatThrownBy(tooMany::join).cause().isInstanceOf(TooManyRejectionsException.class);
        }
    }

    @Test
    void readsExistingFilesAndRejectsUnreadableLinesWithTheirPlace() throws Exception {
        Path csv = Files.writeString(temp.resolve("users.csv"), SeedExamples.CSV
                + "EMAIL,\"broken,quote\n");
        try (EndpointImporter importer = importer().format(ImportFormat.JSON).build()) {
            ImportSummary s = importer.importFiles(csv).summary().join();
            assertThat(s.recordsRead()).isEqualTo(4);
            assertThat(s.recordsSubmitted()).isEqualTo(3);
            assertThat(s.rejections()).singleElement().satisfies(r -> {
                assertThat(r.source()).hasValue("users.csv");
                assertThat(r.line()).hasValue(5);
            });
            assertAccounting(s);
            assertThat(stub.createBody(s.results().get(0).jobId())).contains("\"Format\":\"JSON\"");
        }
    }

    @Test
    void returnsAtOnceAndReadsOnTheExecutorNotTheCallersThread() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Iterator<EndpointDefinition> slow = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                reader.set(Thread.currentThread());
                release.join(); // holds the reading thread until the test lets go
                return n < 3;
            }

            @Override
            public EndpointDefinition next() {
                return valid(n++);
            }
        };
        try (EndpointImporter importer = importer().build()) {
            ImportRun run = importer.importEndpoints(slow);
            assertThat(run.summary()).isNotDone();
            release.complete(null);
            ImportSummary s = run.summary().join();
            assertThat(s.recordsSubmitted()).isEqualTo(3);
            assertThat(reader.get()).isNotNull().isNotSameAs(caller);
        }
    }

    @Test
    void cancellingARunMidWayStopsEveryRequest() {
        String[] lifecycle = new String[300];
        java.util.Arrays.fill(lifecycle, "PROCESSING");
        lifecycle[0] = "CREATED";
        stub.lifecycle(lifecycle);
        JobLimit limit = JobLimit.of(2);
        try (EndpointImporter importer = importer().maxRecordsPerShard(1).jobLimit(limit).build()) {
            ImportRun run = importer.importEndpoints(mixed(5));
            Await.until(WAIT, "two jobs being checked",
                    () -> stub.log().stream().filter(e -> e.op().equals("get")).count() >= 4);
            int atCancel = stub.requestCount();

            run.cancel();

            assertThatThrownBy(() -> run.summary().join()).isInstanceOf(CancellationException.class);
            assertThat(run.jobsSoFar()).allSatisfy(f -> assertThat(f).isDone());
            assertThat(limit.running()).isZero();
            Await.until(WAIT, "nothing scheduled any more", () -> scheduler.getQueue().isEmpty());
            Await.holdsFor(Duration.ofMillis(300), "at most the in-flight calls land",
                    () -> stub.requestCount() <= atCancel + 2);
            int count = stub.requestCount();
            Await.holdsFor(Duration.ofMillis(500), "no further requests after cancel",
                    () -> stub.requestCount() == count);
            assertThat(stub.jobUrls()).hasSize(2);
        }
    }

    @Test
    void aRunThatOutlivesItsTimeoutFails() {
        String[] lifecycle = new String[300];
        java.util.Arrays.fill(lifecycle, "PROCESSING");
        lifecycle[0] = "CREATED";
        stub.lifecycle(lifecycle);
        try (EndpointImporter importer = importer().runTimeout(Duration.ofMillis(300)).build()) {
            ImportRun run = importer.importEndpoints(mixed(3));
            assertThatThrownBy(() -> run.summary().join()).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(JobTimeoutException.class);
            Await.until(WAIT, "nothing scheduled any more", () -> scheduler.getQueue().isEmpty());
        }
    }

    @Test
    void aShardThatCannotBeStoredFailsTheRun() {
        store.failShard(1);
        try (EndpointImporter importer = importer().maxRecordsPerShard(2).build()) {
            ImportRun run = importer.importEndpoints(mixed(6));
            assertThatThrownBy(() -> run.summary().join()).cause()
                    .isInstanceOf(io.pinpointimport.spi.ShardStoreException.class);
        }
    }

    @Test
    void builderNeedsAStoreAndATarget() {
        assertThatThrownBy(() -> EndpointImporter.builder().pinpoint(client).applicationId("a").roleArn("r")
                .build()).hasMessageContaining("shardStore");
        assertThatThrownBy(() -> EndpointImporter.builder().shardStore(store).build())
                .hasMessageContaining("pinpoint");
    }
}
