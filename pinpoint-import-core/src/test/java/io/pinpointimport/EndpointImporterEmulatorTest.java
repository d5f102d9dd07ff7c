package io.pinpointimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.ServedRequest;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.spi.ShardStoreException;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import io.pinpointimport.validation.Rejection;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole importer against the Pinpoint emulator, which reads the shards from its S3 and imports their rows. */
class EndpointImporterEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @RegisterExtension
    final EmulatedPinpoint pinpoint = EmulatedPinpoint.start();

    final EmulatorShardStore store = new EmulatorShardStore();

    private EndpointImporter.Builder importer() {
        return pinpoint.importer(store, temp);
    }

    private static EndpointDefinition valid(int i) {
        return EmulatedPinpoint.endpoint(i);
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
        long perJob = s.results().stream()
                        .mapToLong(r -> r.recordsSubmitted().orElseThrow())
                        .sum()
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
        try (EndpointImporter importer = importer()
                .maxRecordsPerShard(3)
                .listener(new ImportListener() {
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
                })
                .build()) {
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
                assertThat((long) r.totalProcessed().orElseThrow())
                        .isEqualTo(r.recordsSubmitted().orElseThrow());
            });
            assertThat(s.serviceProcessed()).isEqualTo(9);
            assertThat(s.isClean()).isFalse();
            assertThat(jobs).allSatisfy(f -> assertThat(f).isCompleted());
            assertThat(pinpoint.jobUrls()).hasSize(3).doesNotHaveDuplicates();
            assertThat(store.objects()).hasSize(3);
            String firstShard = new String(
                    store.objects().entrySet().stream()
                            .filter(e -> e.getKey().contains("/00000/"))
                            .findFirst()
                            .orElseThrow()
                            .getValue(),
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
        pinpoint.restart(Pace.steps());
        pinpoint.faults().failJobAt("/00001/", "piece 0 failed");
        try (EndpointImporter importer = importer().maxRecordsPerShard(2).build()) {
            ImportRun run = importer.importEndpoints(mixed(6).stream());
            ImportSummary s = run.summary().join();

            assertThat(s.results()).hasSize(3);
            assertThat(s.jobsCompleted()).isEqualTo(2);
            assertThat(s.jobsFailed()).isEqualTo(1);
            assertAccounting(s);
            CompletableFuture<ImportResult> failed = run.jobs().join().get(1);
            assertThatThrownBy(failed::join)
                    .cause()
                    .isInstanceOfSatisfying(
                            ImportJobFailedException.class,
                            e -> assertThat(e.failures()).containsExactly("piece 0 failed"));
            // the service's own count: the failed job reports one failure line
            assertThat(s.serviceFailed()).isEqualTo(1);
        }
    }

    @Test
    void aCompletedJobWithRowFailuresKeepsTheServiceNumbers() {
        // the application already holds the most endpoints one user may have: a further one fails in the service,
        // which the validator cannot know
        EndpointUser crowded = EndpointUser.builder().userId("crowded").build();
        List<EndpointDefinition> full = IntStream.range(0, 15)
                .mapToObj(i -> valid(100 + i).toBuilder().user(crowded).build())
                .toList();
        List<EndpointDefinition> input = new ArrayList<>(mixed(5));
        input.set(1, valid(1).toBuilder().user(crowded).build());
        try (EndpointImporter importer = importer().build()) {
            assertThat(importer.importEndpoints(full).summary().join().isClean())
                    .isTrue();

            ImportSummary s =
                    importer.importEndpoints(input.iterator()).summary().join();
            assertThat(s.results()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(r.totalProcessed()).hasValue(5);
                assertThat(r.totalFailures()).hasValue(1);
                assertThat(r.failures())
                        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                        .contains("line 3")
                        .contains("User already has 15 endpoints");
            });
            assertThat(s.serviceProcessed()).isEqualTo(5);
            assertThat(s.serviceFailed()).isEqualTo(1);
            assertThat(s.isClean()).isFalse();
            assertAccounting(s);
        }
    }

    @Test
    void failOnFirstStopsTheRunBeforeAnyJobStarts() {
        try (EndpointImporter importer = importer()
                .maxRecordsPerShard(2)
                .badRecordPolicy(BadRecordPolicy.failOnFirst())
                .build()) {
            ImportRun run = importer.importEndpoints(mixed(10, 7));
            assertThatThrownBy(() -> run.summary().join())
                    .cause()
                    .isInstanceOfSatisfying(TooManyRejectionsException.class, e -> {
                        assertThat(e.rejections())
                                .singleElement()
                                .satisfies(r -> assertThat(r.recordIndex()).isEqualTo(7));
                        assertThat(e.getMessage()).doesNotContain("example.com");
                    });
            assertThat(pinpoint.count(Operation.CREATE_IMPORT_JOB)).isZero();
            Await.until(WAIT, "stored shards deleted", () -> store.deletedRuns().contains(run.runId()));
            assertThat(run.jobs()).isCompletedExceptionally();
        }
    }

    @Test
    void failAfterToleratesUpToItsLimit() {
        try (EndpointImporter importer =
                importer().badRecordPolicy(BadRecordPolicy.failAfter(2)).build()) {
            ImportSummary ok =
                    importer.importEndpoints(mixed(6, 1, 4)).summary().join();
            assertThat(ok.recordsRejected()).isEqualTo(2);
            assertAccounting(ok);

            CompletableFuture<ImportSummary> tooMany =
                    importer.importEndpoints(mixed(6, 1, 3, 4)).summary();
            assertThatThrownBy(tooMany::join).cause().isInstanceOf(TooManyRejectionsException.class);
        }
    }

    /** Hears every rejected record, on whatever thread. */
    private static final class Rejected implements ImportListener {
        final List<List<Rejection>> records = new CopyOnWriteArrayList<>();

        @Override
        public void recordRejected(List<Rejection> rejections) {
            records.add(rejections);
        }

        List<Rejection> all() {
            return records.stream().flatMap(List::stream).toList();
        }
    }

    @Test
    void theSummaryRetainsTheFirstRejectionsAndTheListenerHearsEveryOne() {
        Rejected heard = new Rejected();
        try (EndpointImporter importer =
                importer().retainedRejections(3).listener(heard).build()) {
            ImportSummary s = importer.importEndpoints(mixed(20, 2, 4, 6, 8, 10, 12, 14))
                    .summary()
                    .join();

            assertThat(heard.records)
                    .extracting(rs -> rs.get(0).recordIndex())
                    .containsExactly(2L, 4L, 6L, 8L, 10L, 12L, 14L);
            assertThat(heard.records)
                    .allSatisfy(rs -> assertThat(rs)
                            .isNotEmpty()
                            .extracting(Rejection::recordIndex)
                            .containsOnly(rs.get(0).recordIndex()));
            List<Rejection> all = heard.all();
            assertThat(s.rejections()).containsExactlyElementsOf(all.subList(0, 3));
            assertThat(s.rejectionsOmitted()).isEqualTo(all.size() - 3L).isPositive();
            assertThat(s.recordsRejected()).isEqualTo(7);
            assertThat(s.recordsSubmitted()).isEqualTo(13);
            assertThat(s.isClean()).isFalse();
            assertThat(s.toString()).contains("rejectionsOmitted=" + (all.size() - 3));
            assertAccounting(s);
        }
    }

    @Test
    void retainingNoRejectionsStillCountsAndHearsThemAll() {
        Rejected heard = new Rejected();
        try (EndpointImporter importer =
                importer().retainedRejections(0).listener(heard).build()) {
            ImportSummary s = importer.importEndpoints(mixed(6, 1, 4)).summary().join();

            assertThat(s.rejections()).isEmpty();
            assertThat(heard.records).hasSize(2);
            assertThat(s.rejectionsOmitted()).isEqualTo(heard.all().size());
            assertThat(s.recordsRejected()).isEqualTo(2);
            assertThat(s.isClean()).isFalse();
            assertAccounting(s);
        }
    }

    @Test
    void byDefaultTheSummaryRetainsTenThousandRejections() {
        assertThat(EndpointImporter.DEFAULT_RETAINED_REJECTIONS).isEqualTo(10_000);
        int bad = EndpointImporter.DEFAULT_RETAINED_REJECTIONS + 5;
        List<EndpointDefinition> input = new ArrayList<>(Collections.nCopies(bad, invalid(0)));
        input.add(valid(bad));
        Rejected heard = new Rejected();
        try (EndpointImporter importer = importer().listener(heard).build()) {
            ImportSummary s = importer.importEndpoints(input).summary().join();

            List<Rejection> all = heard.all();
            assertThat(heard.records).hasSize(bad);
            assertThat(s.recordsRejected()).isEqualTo(bad);
            assertThat(s.rejections())
                    .hasSize(EndpointImporter.DEFAULT_RETAINED_REJECTIONS)
                    .containsExactlyElementsOf(all.subList(0, EndpointImporter.DEFAULT_RETAINED_REJECTIONS));
            assertThat(s.rejectionsOmitted()).isEqualTo(all.size() - EndpointImporter.DEFAULT_RETAINED_REJECTIONS);
            assertThat(s.recordsSubmitted()).isEqualTo(1);
            assertAccounting(s);
        }
    }

    @Test
    void fewerRejectionsThanTheLimitAreAllRetained() {
        try (EndpointImporter importer = importer().retainedRejections(5).build()) {
            ImportSummary s = importer.importEndpoints(mixed(6, 1, 4)).summary().join();

            assertThat(s.rejections()).extracting(Rejection::recordIndex).containsExactly(1L, 4L);
            assertThat(s.rejectionsOmitted()).isZero();
            assertThat(s.toString()).doesNotContain("rejectionsOmitted");
        }
    }

    @Test
    void failAfterCarriesAtMostTheRetainedRejections() {
        Rejected heard = new Rejected();
        try (EndpointImporter importer = importer()
                .badRecordPolicy(BadRecordPolicy.failAfter(3))
                .retainedRejections(2)
                .listener(heard)
                .build()) {
            CompletableFuture<ImportSummary> tooMany =
                    importer.importEndpoints(mixed(10, 1, 3, 5, 7, 9)).summary();

            assertThatThrownBy(tooMany::join).cause().isInstanceOfSatisfying(TooManyRejectionsException.class, e -> {
                List<Rejection> all = heard.all();
                assertThat(heard.records)
                        .extracting(rs -> rs.get(0).recordIndex())
                        .containsExactly(1L, 3L, 5L, 7L);
                assertThat(e.rejections()).containsExactlyElementsOf(all.subList(0, 2));
                assertThat(e.rejectionsOmitted()).isEqualTo(all.size() - 2L);
                assertThat(e.getMessage()).contains("not retained").doesNotContain("example.com");
            });
            assertThat(pinpoint.count(Operation.CREATE_IMPORT_JOB)).isZero();
        }
    }

    @Test
    void failOnFirstWithNothingRetainedStillSaysWhy() {
        try (EndpointImporter importer = importer()
                .badRecordPolicy(BadRecordPolicy.failOnFirst())
                .retainedRejections(0)
                .build()) {
            CompletableFuture<ImportSummary> run =
                    importer.importEndpoints(mixed(4, 2)).summary();

            assertThatThrownBy(run::join).cause().isInstanceOfSatisfying(TooManyRejectionsException.class, e -> {
                assertThat(e.rejections()).isEmpty();
                assertThat(e.rejectionsOmitted()).isPositive();
                assertThat(e.getMessage()).contains("(not retained)");
            });
        }
    }

    @Test
    void aListenerThatThrowsOnARejectionDoesNotBreakTheRun() {
        Rejected heard = new Rejected();
        ImportListener throwing = new ImportListener() {
            @Override
            public void recordRejected(List<Rejection> rejections) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (EndpointImporter importer =
                importer().listener(throwing).listener(heard).build()) {
            ImportSummary s = importer.importEndpoints(mixed(8, 0, 5)).summary().join();

            assertThat(s.recordsRejected()).isEqualTo(2);
            assertThat(heard.records).hasSize(2);
            assertThat(s.rejections()).containsExactlyElementsOf(heard.all());
            assertAccounting(s);
        }
    }

    @Test
    void aNegativeRejectionLimitIsRefused() {
        assertThatThrownBy(() -> importer().retainedRejections(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retainedRejections");
    }

    @Test
    void readsExistingFilesAndRejectsUnreadableLinesWithTheirPlace() throws Exception {
        Path csv = Files.writeString(temp.resolve("users.csv"), SeedExamples.CSV + "EMAIL,\"broken,quote\n");
        try (EndpointImporter importer = importer().format(ImportFormat.JSON).build()) {
            ImportSummary s = importer.importFiles(csv).summary().join();
            assertThat(s.recordsRead()).isEqualTo(4);
            assertThat(s.recordsSubmitted()).isEqualTo(3);
            assertThat(s.rejections()).singleElement().satisfies(r -> {
                assertThat(r.source()).hasValue("users.csv");
                assertThat(r.line()).hasValue(5);
            });
            assertAccounting(s);
            assertThat(pinpoint.createBody(s.results().get(0).jobId())).contains("\"Format\":\"JSON\"");
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
        pinpoint.restart(EmulatedPinpoint.endless());
        JobLimit limit = JobLimit.of(2);
        try (EndpointImporter importer =
                importer().maxRecordsPerShard(1).jobLimit(limit).build()) {
            ImportRun run = importer.importEndpoints(mixed(5));
            Await.until(
                    WAIT,
                    "two jobs being checked",
                    () -> pinpoint.requests().stream()
                                    .filter(r -> EmulatedPinpoint.op(r).equals("get"))
                                    .map(ServedRequest::jobId)
                                    .distinct()
                                    .count()
                            == 2);

            run.cancel();
            // Counted once cancel() returned: every job is over then and sends nothing new; only a call each had in
            // flight may still land. (Counted before, it would also take in whatever the run sent meanwhile.)
            int atCancel = pinpoint.requestCount();

            assertThatThrownBy(() -> run.summary().join()).isInstanceOf(CancellationException.class);
            assertThat(run.jobsSoFar()).allSatisfy(f -> assertThat(f).isDone());
            assertThat(limit.running()).isZero();
            pinpoint.assertSilentAfterCancel(atCancel, 2);
            assertThat(pinpoint.jobUrls()).hasSize(2);
        }
    }

    @Test
    void aRunThatOutlivesItsTimeoutFails() {
        pinpoint.restart(EmulatedPinpoint.endless());
        try (EndpointImporter importer =
                importer().runTimeout(Duration.ofMillis(300)).build()) {
            ImportRun run = importer.importEndpoints(mixed(3));
            assertThatThrownBy(() -> run.summary().join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(RunTimeoutException.class, e -> {
                        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
                        assertThat(e.runId()).isEqualTo(run.runId());
                        assertThat(e).hasMessageContaining("run timeout");
                    });
            Await.until(
                    WAIT,
                    "nothing scheduled any more",
                    () -> pinpoint.scheduler().getQueue().isEmpty());
        }
    }

    @Test
    void aShardThatCannotBeStoredFailsTheRun() {
        store.failShard(1);
        try (EndpointImporter importer = importer().maxRecordsPerShard(2).build()) {
            ImportRun run = importer.importEndpoints(mixed(6));
            assertThatThrownBy(() -> run.summary().join()).cause().isInstanceOf(ShardStoreException.class);
        }
    }

    @Test
    void builderNeedsAStoreAndATarget() {
        assertThatThrownBy(() -> EndpointImporter.builder()
                        .pinpoint(pinpoint.client())
                        .applicationId("a")
                        .roleArn("r")
                        .build())
                .hasMessageContaining("shardStore");
        assertThatThrownBy(() -> EndpointImporter.builder().shardStore(store).build())
                .hasMessageContaining("pinpoint");
    }
}
