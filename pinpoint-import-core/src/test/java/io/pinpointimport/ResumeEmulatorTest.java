package io.pinpointimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.emulator.pinpoint.ModelledError;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.format.RandomDefinitions;
import io.pinpointimport.internal.journal.JournalState;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.pinpoint.PinpointImportTarget;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.JobRequest;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal and resume against the Pinpoint emulator: nothing lost, nothing twice, whatever stage the run stopped at.
 */
class ResumeEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @RegisterExtension
    final EmulatedPinpoint pinpoint = EmulatedPinpoint.start();

    final EmulatorShardStore memory = new EmulatorShardStore();
    Path journals;
    final List<EndpointImporter> importers = new ArrayList<>();

    /** Counts the stores per shard and can hold shards from a number on (their upload never ends). */
    static final class CountingStore implements ShardStore {
        final EmulatorShardStore inner;
        final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<CompletableFuture<StoredShard>> held = new CopyOnWriteArrayList<>();
        final int holdFrom;

        CountingStore(EmulatorShardStore inner, int holdFrom) {
            this.inner = inner;
            this.holdFrom = holdFrom;
        }

        @Override
        public CompletableFuture<StoredShard> store(String runId, Shard shard) {
            calls.computeIfAbsent(shard.number(), n -> new AtomicInteger()).incrementAndGet();
            if (shard.number() >= holdFrom) {
                CompletableFuture<StoredShard> f = new CompletableFuture<>();
                held.add(f);
                return f;
            }
            return inner.store(runId, shard);
        }

        @Override
        public CompletableFuture<Void> deleteRun(String runId) {
            return inner.deleteRun(runId);
        }

        int calls(int shard) {
            AtomicInteger n = calls.get(shard);
            return n == null ? 0 : n.get();
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    @BeforeEach
    void setUp() {
        journals = temp.resolve("journals");
    }

    @AfterEach
    void tearDown() {
        importers.forEach(EndpointImporter::close);
    }

    private EndpointImporter.Builder builder(ShardStore store) {
        return pinpoint.importer(store, temp.resolve("shards"))
                .journalDirectory(journals)
                .maxRecordsPerShard(2);
    }

    private EndpointImporter build(EndpointImporter.Builder b) {
        EndpointImporter i = b.build();
        importers.add(i);
        return i;
    }

    private static EndpointDefinition valid(int i) {
        return EmulatedPinpoint.endpoint(i);
    }

    private static List<EndpointDefinition> valid(int from, int to) {
        List<EndpointDefinition> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(valid(i));
        }
        return list;
    }

    private long creates(String url) {
        return pinpoint.requests().stream()
                .filter(r -> r.operation() == Operation.CREATE_IMPORT_JOB && url.equals(r.s3Url()))
                .count();
    }

    private long allCreates() {
        return pinpoint.count(Operation.CREATE_IMPORT_JOB);
    }

    private static void awaitProgress(ImportRun run, String what, Predicate<ImportProgress> p) {
        Await.until(WAIT, what, () -> p.test(run.progress()));
    }

    /** Every shard has one result, one job in the service, made by one create; every record is accounted for. */
    private void assertCompleteOnce(ImportSummary s, long records) {
        assertThat(s.recordsRead()).isEqualTo(s.recordsRejected() + s.recordsSubmitted());
        assertThat(s.recordsSubmitted()).isEqualTo(records);
        assertThat(s.jobErrors()).isEmpty();
        assertThat(s.results()).hasSize(s.shards());
        assertThat(s.results()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(pinpoint.jobsFor(r.s3Url())).as("jobs for %s", r.s3Url()).isEqualTo(1);
            assertThat(creates(r.s3Url())).as("creates for %s", r.s3Url()).isEqualTo(1);
        });
        assertThat(s.results().stream().mapToInt(ImportResult::shardNumber))
                .containsExactlyElementsOf(
                        IntStream.range(0, s.shards()).boxed().toList());
        assertThat(s.results().stream()
                        .mapToLong(r -> r.recordsSubmitted().orElseThrow())
                        .sum())
                .isEqualTo(records);
        assertThat(s.serviceProcessed()).isEqualTo(records);
        assertThat(pinpoint.jobUrls()).doesNotHaveDuplicates().hasSize(s.shards());
    }

    private static Throwable failure(ImportRun run) {
        try {
            run.summary().join();
        } catch (CompletionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
        throw new AssertionError("the run did not fail");
    }

    /** Stops a run after it wrote shards 0..3 and stored 0 and 1 (2 and 3 are uploading, reading is blocked). */
    private String crashWhileWriting(List<EndpointDefinition> input) {
        CountingStore holding = new CountingStore(memory, 2);
        JobLimit limit = JobLimit.of(1);
        JobLimit.Permit permit = limit.acquire().join(); // no job starts: the crash comes before any
        EndpointImporter first = build(builder(holding).jobLimit(limit));
        ImportRun run = first.importEndpoints(input);
        awaitProgress(run, "shards 0 and 1 stored", p -> p.shardsStored() == 2);
        Await.until(WAIT, "shard 3 handed to the store", () -> holding.calls(3) == 1);
        run.cancel();
        // a stopped run ends once its uploads let go (a real store's attempts end); these end without storing
        holding.held.forEach(f -> f.completeExceptionally(new CancellationException("upload aborted")));
        assertThat(failure(run)).isInstanceOf(CancellationException.class);
        permit.release();
        assertThat(allCreates()).isZero();
        JournalState st = JournalState.read(run.journal().orElseThrow(), run.runId());
        // shard 4 may be written too (it waits for an upload slot): written, never stored
        assertThat(st.shards().keySet()).contains(0, 1, 2, 3).isSubsetOf(0, 1, 2, 3, 4);
        assertThat(st.shards().values())
                .filteredOn(JournalState.ShardState::stored)
                .hasSize(2);
        assertThat(st.storedPrefix()).isEqualTo(2);
        assertThat(st.inputDone()).isNull();
        return run.runId();
    }

    /** Stops a run once every shard is stored, before any job is created. */
    private ImportRun crashBeforeJobs(
            EndpointImporter.Builder b, Function<EndpointImporter, ImportRun> start, int shards) {
        JobLimit limit = JobLimit.of(1);
        JobLimit.Permit permit = limit.acquire().join();
        EndpointImporter first = build(b.jobLimit(limit));
        ImportRun run = start.apply(first);
        awaitProgress(run, "every shard stored", p -> p.inputDone() && p.shardsStored() == shards);
        run.cancel();
        assertThat(failure(run)).isInstanceOf(CancellationException.class);
        permit.release();
        assertThat(allCreates()).isZero();
        return run;
    }

    @Test
    void resumesAfterACrashWhileShardsWereWritten() {
        List<EndpointDefinition> input = valid(0, 10);
        String runId = crashWhileWriting(input);
        CountingStore store = new CountingStore(memory, Integer.MAX_VALUE);
        EndpointImporter second = build(builder(store));
        assertThat(second.unfinishedRuns()).containsExactly(runId);

        ImportRun resumed = second.resume(runId, input);
        ImportSummary s = resumed.summary().join();

        assertThat(resumed.runId()).isEqualTo(runId);
        assertThat(s.resumed()).isTrue();
        assertThat(s.runId()).isEqualTo(runId);
        assertThat(s.recordsRead()).isEqualTo(10);
        assertThat(s.shards()).isEqualTo(5);
        assertCompleteOnce(s, 10);
        // shards 0 and 1 were stored before the crash: not uploaded again
        assertThat(store.calls(0)).isZero();
        assertThat(store.calls(1)).isZero();
        assertThat(List.of(store.calls(2), store.calls(3), store.calls(4))).containsOnly(1);
        assertThat(s.results()).noneMatch(ImportResult::adopted);
        assertThat(second.unfinishedRuns()).isEmpty();
        assertThat(JournalState.read(resumed.journal().orElseThrow(), runId).ended())
                .isTrue();
    }

    @Test
    void resumesAFileRunWhoseShardsWereAllStoredReadingTheFilesAgain() throws Exception {
        Path csv = temp.resolve("in.csv");
        StringBuilder text = new StringBuilder("Id,ChannelType,Address\n");
        for (int i = 0; i < 10; i++) {
            text.append("ep-")
                    .append(i)
                    .append(i == 4 ? ",FAX," : ",EMAIL,")
                    .append("user")
                    .append(i)
                    .append("@example.com\n");
        }
        Files.writeString(csv, text);
        CountingStore firstStore = new CountingStore(memory, Integer.MAX_VALUE);
        ImportRun run = crashBeforeJobs(builder(firstStore), i -> i.importFiles(csv), 5);
        assertThat(firstStore.total()).isEqualTo(5);

        CountingStore store = new CountingStore(memory, Integer.MAX_VALUE);
        EndpointImporter second = build(builder(store));
        assertThat(second.unfinishedRuns()).containsExactly(run.runId());
        ImportSummary s = second.resume(run.runId()).summary().join();

        assertThat(store.total()).as("nothing uploaded again").isZero();
        assertThat(s.recordsRead()).isEqualTo(10);
        assertThat(s.recordsRejected()).isEqualTo(1);
        assertThat(s.rejections())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.recordIndex()).isEqualTo(4));
        assertCompleteOnce(s, 9);
        assertThat(s.resumed()).isTrue();
    }

    @Test
    void aRunResumedFromItsJournalAloneCountsItsRejectionsAsOmitted() {
        List<EndpointDefinition> input = valid(0, 6);
        input.set(2, EndpointDefinition.builder().channelType(ChannelType.EMAIL).build()); // no address
        ImportRun run = crashBeforeJobs(builder(memory), i -> i.importEndpoints(input), 3);

        // the input is not read again: the journal has the counts, not the rejections
        ImportSummary s = build(builder(memory)).resume(run.runId()).summary().join();

        assertCompleteOnce(s, 5);
        assertThat(s.recordsRejected()).isEqualTo(1);
        assertThat(s.rejections()).isEmpty();
        assertThat(s.rejectionsOmitted()).isEqualTo(1);
        assertThat(s.isClean()).isFalse();
    }

    @Test
    void aFileRunCannotBeResumedWithOtherSettingsOrChangedFiles() throws Exception {
        Path csv = temp.resolve("in.csv");
        Files.writeString(csv, "Id,ChannelType,Address\nep-1,EMAIL,a@example.com\nep-2,EMAIL,b@example.com\n");
        ImportRun run = crashBeforeJobs(builder(memory), i -> i.importFiles(csv), 1);
        String id = run.runId();

        EndpointImporter other = build(builder(memory).maxRecordsPerShard(3).format(ImportFormat.JSON));
        assertThatThrownBy(() -> other.resume(id))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("maxRecordsPerShard (run: 2; this importer: 3)")
                .hasMessageContaining("format (run: CSV; this importer: JSON)");

        EndpointImporter same = build(builder(memory));
        assertThatThrownBy(() -> same.resume(id, valid(0, 2)))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("started from files");

        FileTime before = Files.getLastModifiedTime(csv);
        Files.setLastModifiedTime(csv, FileTime.fromMillis(before.toMillis() + 60_000));
        assertThatThrownBy(() -> same.resume(id))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("in.csv changed since the run started");

        Files.delete(csv);
        assertThatThrownBy(() -> same.resume(id))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("in.csv is gone");
        assertThat(allCreates()).isZero();
    }

    @Test
    void aJobCreatedButNotJournaledIsAdoptedNotCreatedAgain() {
        List<EndpointDefinition> input = valid(0, 6);
        ImportRun run = crashBeforeJobs(builder(memory), i -> i.importEndpoints(input), 3);
        String url1 = JournalState.read(run.journal().orElseThrow(), run.runId())
                .shards()
                .get(1)
                .storedUrl();
        // the crash came right after this create reached the service, before the journal heard of it
        String jobId = PinpointImportTarget.builder()
                .client(pinpoint.client())
                .applicationId(pinpoint.appId())
                .roleArn(EmulatedPinpoint.ROLE)
                .build()
                .createJob(JobRequest.of(url1, ImportFormat.CSV, JobOptions.ofDefaults()))
                .join()
                .id();

        // every shard was stored and the input read: the in-memory input is not needed again
        ImportSummary s = build(builder(memory)).resume(run.runId()).summary().join();

        assertCompleteOnce(s, 6);
        ImportResult r1 = s.results().get(1);
        assertThat(r1.s3Url()).isEqualTo(url1);
        assertThat(r1.jobId()).isEqualTo(jobId);
        assertThat(r1.adopted()).isTrue();
        assertThat(List.of(s.results().get(0).adopted(), s.results().get(2).adopted()))
                .containsOnly(false);
        assertThat(s.recordsRead()).isEqualTo(6);
        assertThat(s.rejections()).isEmpty();
    }

    @Test
    void aJournaledJobIsWatchedNotCreatedAgain() {
        List<EndpointDefinition> input = valid(0, 4);
        // the first run checks its jobs only after an hour: it stops while they go on
        EndpointImporter first = build(builder(memory)
                .polling(p -> p.earlyInterval(Duration.ofHours(1))
                        .minInterval(Duration.ofHours(1))
                        .maxInterval(Duration.ofHours(1))));
        ImportRun run = first.importEndpoints(input);
        awaitProgress(run, "both jobs created", p -> p.jobsStarted() == 2);
        run.cancel();
        assertThat(failure(run)).isInstanceOf(CancellationException.class);
        JournalState st = JournalState.read(run.journal().orElseThrow(), run.runId());
        List<String> ids =
                List.of(st.shards().get(0).jobId(), st.shards().get(1).jobId());
        assertThat(ids).doesNotContainNull();
        assertThat(allCreates()).isEqualTo(2);

        ImportSummary s = build(builder(memory)).resume(run.runId()).summary().join();

        assertCompleteOnce(s, 4);
        assertThat(s.results().stream().map(ImportResult::jobId).toList()).isEqualTo(ids);
        assertThat(s.results()).noneMatch(ImportResult::adopted);
        assertThat(pinpoint.requests().stream()
                        .filter(r -> r.operation() == Operation.GET_IMPORT_JOB && ids.contains(r.jobId())))
                .isNotEmpty();
    }

    @Test
    void aFinishedRunResumesFromItsJournalWithoutAnyCall() {
        List<EndpointDefinition> input = valid(0, 5);
        CountingStore store = new CountingStore(memory, Integer.MAX_VALUE);
        ImportRun run = build(builder(store)).importEndpoints(input);
        ImportSummary first = run.summary().join();
        assertCompleteOnce(first, 5);
        assertThat(first.resumed()).isFalse();
        int requests = pinpoint.requestCount();
        int stores = store.total();

        EndpointImporter second = build(builder(store));
        assertThat(second.unfinishedRuns()).isEmpty();
        ImportSummary again = second.resume(run.runId()).summary().join();

        assertThat(pinpoint.requestCount()).as("no call to the service").isEqualTo(requests);
        assertThat(store.total()).as("no upload").isEqualTo(stores);
        assertThat(again.resumed()).isTrue();
        assertThat(again.results()).isEqualTo(first.results());
        assertThat(again.startedAt()).isEqualTo(first.startedAt());
        assertThat(List.of(again.recordsRead(), again.recordsRejected(), again.recordsSubmitted()))
                .isEqualTo(List.of(first.recordsRead(), first.recordsRejected(), first.recordsSubmitted()));
        assertThat(again.shards()).isEqualTo(first.shards());
    }

    @Test
    void aJobThatCouldNotBeFollowedIsWatchedAgainByAResume() {
        List<EndpointDefinition> input = valid(0, 2); // one shard, one job
        EndpointImporter first = build(builder(memory)
                .retry(r -> r.maxAttempts(2).initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(40))));
        // a refusal ends the watch at once (an outage would be ridden out until the job timeout)
        pinpoint.faults().failNext(Operation.GET_IMPORT_JOB, 1, ModelledError.FORBIDDEN, "Forbidden");
        ImportRun run = first.importEndpoints(input);
        ImportSummary s1 = run.summary().join();
        assertThat(s1.jobErrors()).hasSize(1);
        String lostJob = s1.jobErrors().get(0).jobId().orElseThrow();
        assertThat(first.unfinishedRuns()).isEmpty(); // the run ended, with a job error

        ImportSummary s2 = build(builder(memory)).resume(run.runId()).summary().join();

        assertCompleteOnce(s2, 2);
        assertThat(s2.results())
                .singleElement()
                .satisfies(r -> assertThat(r.jobId()).isEqualTo(lostJob));
        assertThat(allCreates()).isEqualTo(1);
    }

    @Test
    void twoRunsOfTheSameInputJournalTheSameShards() {
        RandomDefinitions random = new RandomDefinitions(3);
        List<EndpointDefinition> input = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            input.add(random.next());
        }
        EndpointImporter importer = build(builder(memory).maxRecordsPerShard(5));
        ImportRun a = importer.importEndpoints(input);
        a.summary().join();
        ImportRun b = importer.importEndpoints(input);
        b.summary().join();

        List<JournalState.Written> wa =
                JournalState.read(a.journal().orElseThrow(), a.runId()).shards().values().stream()
                        .map(JournalState.ShardState::written)
                        .toList();
        List<JournalState.Written> wb =
                JournalState.read(b.journal().orElseThrow(), b.runId()).shards().values().stream()
                        .map(JournalState.ShardState::written)
                        .toList();
        assertThat(wa).hasSizeGreaterThan(2).doesNotContainNull().isEqualTo(wb);
    }

    @Test
    void anInMemoryRunNotWhollyStoredNeedsItsInputAgain() {
        String runId = crashWhileWriting(valid(0, 10));
        EndpointImporter second = build(builder(new CountingStore(memory, Integer.MAX_VALUE)));

        assertThatThrownBy(() -> second.resume(runId))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("cannot be read again")
                .hasMessageContaining("resume(runId, sameDefinitions)");
        assertThat(second.unfinishedRuns()).containsExactly(runId);
    }

    @Test
    void aChangedInputFailsTheResumeAndNeverImportsADifferentShard() {
        List<EndpointDefinition> input = valid(0, 10);
        String runId = crashWhileWriting(input);
        List<EndpointDefinition> changed = new ArrayList<>(input);
        changed.set(5, valid(55)); // in shard 2, which the journal has as written
        String url2 = "s3://" + EmulatedPinpoint.BUCKET + "/imports/" + runId + "/00002/";

        ImportRun resumed =
                build(builder(new CountingStore(memory, Integer.MAX_VALUE))).resume(runId, changed);

        assertThat(failure(resumed))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("shard 2")
                .hasMessageContaining("differs from the journal's");
        assertThat(pinpoint.jobsFor(url2)).isZero();
        assertThat(memory.records(url2)).isZero();
    }

    @Test
    void aChangedRecordInAStoredShardIsFound() {
        List<EndpointDefinition> input = valid(0, 10);
        String runId = crashWhileWriting(input);
        List<EndpointDefinition> changed = new ArrayList<>(input);
        changed.set(
                1, EndpointDefinition.builder().channelType(ChannelType.EMAIL).build()); // now invalid

        ImportRun resumed =
                build(builder(new CountingStore(memory, Integer.MAX_VALUE))).resume(runId, changed);

        assertThat(failure(resumed))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("the input or the settings changed");
    }

    @Test
    void resumeRefusesWhatItCannotContinue() {
        EndpointImporter noJournal = build(builder(memory).journalDirectory(null));
        assertThatThrownBy(() -> noJournal.resume("run-x"))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("no journal directory");
        assertThat(noJournal.unfinishedRuns()).isEmpty();
        ImportRun plain = noJournal.importEndpoints(valid(0, 1));
        assertThat(plain.journal()).isEmpty();
        plain.summary().join();

        EndpointImporter importer = build(builder(memory));
        assertThatThrownBy(() -> importer.resume("run-unknown"))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("no journal for run run-unknown");

        EndpointImporter strict = build(builder(memory).badRecordPolicy(BadRecordPolicy.failOnFirst()));
        List<EndpointDefinition> bad = new ArrayList<>(valid(0, 3));
        bad.add(EndpointDefinition.builder().channelType(ChannelType.EMAIL).build());
        ImportRun abandoned = strict.importEndpoints(bad);
        assertThat(failure(abandoned)).isInstanceOf(TooManyRejectionsException.class);
        assertThat(abandoned.journal()).contains(journals.resolve(abandoned.runId() + ".journal"));
        assertThatThrownBy(() -> strict.resume(abandoned.runId(), bad))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("abandoned");
        assertThat(strict.unfinishedRuns()).doesNotContain(abandoned.runId());
    }

    @Test
    void aJournalThatCannotBeCreatedStopsTheRunAtOnce() throws Exception {
        Path notADirectory = temp.resolve("file");
        Files.writeString(notADirectory, "x");
        EndpointImporter importer = build(builder(memory).journalDirectory(notADirectory));

        assertThatThrownBy(() -> importer.importEndpoints(valid(0, 2)))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("Cannot create the run journal");
        assertThat(pinpoint.requestCount()).isZero();
    }
}
