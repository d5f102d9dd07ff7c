package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.BadRecordPolicy;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.Faults;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The accounting of issue 14 as a property: over seeded generated runs (record counts, shard sizes, rejection mixes)
 * against the emulator and the in-process S3, with every kind of fault, the summary's five figures add up to the
 * records read, every job's own figures add up to its records, and a run that stopped leaves nothing under its
 * prefix unless its summary says what it left. Waits are on futures only.
 */
class AccountingPropertyEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String BUCKET = "accounting";
    private static final long SEED = 14_2026L;
    private static final int RUNS = 33;
    /** A user id the application already holds 15 endpoints for: the service fails any further endpoint of it. */
    private static final String FULL_USER = "full-user";

    enum Fault {
        NONE,
        FAILED_JOB,
        FAILED_ROWS,
        CREATE_REFUSED,
        THROTTLING,
        S3_OBJECT_GONE,
        STORE_FAILS,
        POLICY_STOP,
        CANCEL,
        RUN_TIMEOUT,
        JOB_TIMEOUT
    }

    static LocalS3 localS3;
    static PinpointEmulator emulator;
    static PinpointAsyncClient pinpoint;
    static S3AsyncClient s3;
    static S3Client s3Direct;
    static String app;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        localS3 = LocalS3.start();
        localS3.createBucket(BUCKET);
        emulator = PinpointEmulator.builder().s3(localS3).pace(Pace.instant()).start();
        pinpoint = emulator.newAsyncClient();
        s3 = localS3.newAsyncClient();
        s3Direct = localS3.newClient();
        app = emulator.createApp("accounting");
        List<EndpointDefinition> full = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            full.add(email("full-" + i, "full" + i + "@example.com", FULL_USER));
        }
        try (EndpointImporter importer = importer(
                        S3ShardStore.builder()
                                .s3(s3)
                                .bucket(BUCKET)
                                .prefix("fill/")
                                .build(),
                        null)
                .build()) {
            ImportSummary s = importer.importEndpoints(full).summary().get(60, TimeUnit.SECONDS);
            assertThat(s.recordsImported()).isEqualTo(15);
        }
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        s3.close();
        s3Direct.close();
        emulator.close();
        localS3.close();
    }

    private static EndpointDefinition email(String id, String address, String userId) {
        return EndpointDefinition.builder()
                .id(id)
                .channelType(ChannelType.EMAIL)
                .address(address)
                .user(u -> u.userId(userId))
                .build();
    }

    private static EndpointImporter.Builder importer(ShardStore store, Path temp) {
        EndpointImporter.Builder b = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(app)
                .roleArn(ROLE)
                .shardStore(store)
                .format(ImportFormat.CSV)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(40)))
                .retry(r -> r.initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(40)));
        return temp == null ? b : b.tempDirectory(temp);
    }

    /** Fails the store call of one shard, as an S3 outage that outlasts the store's retries would. */
    static final class FailingStore implements ShardStore {
        private final ShardStore delegate;
        private final int failAt;
        private final AtomicInteger calls = new AtomicInteger();

        FailingStore(ShardStore delegate, int failAt) {
            this.delegate = delegate;
            this.failAt = failAt;
        }

        @Override
        public CompletableFuture<StoredShard> store(String runId, Shard shard) {
            if (calls.getAndIncrement() == failAt) {
                return CompletableFuture.failedFuture(new IllegalStateException("S3 is unreachable (injected)"));
            }
            return delegate.store(runId, shard);
        }

        @Override
        public CompletableFuture<Void> deleteRun(String runId) {
            return delegate.deleteRun(runId);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }

    @Test
    void everyRecordReadIsInExactlyOneFigureWhateverFails() throws Exception {
        Random random = new Random(SEED);
        Map<Fault, Integer> seen = new EnumMap<>(Fault.class);
        for (int run = 0; run < RUNS; run++) {
            Fault fault = Fault.values()[run % Fault.values().length];
            seen.merge(fault, 1, Integer::sum);
            String context = "run " + run + " (seed " + SEED + ", fault " + fault + ")";
            runOnce(run, fault, random, context);
            emulator.faults().clear();
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(Fault.values());
    }

    private void runOnce(int run, Fault fault, Random random, String context) throws Exception {
        int valid = random.nextInt(200);
        int bad = fault == Fault.POLICY_STOP ? 1 + random.nextInt(5) : random.nextInt(4);
        List<EndpointDefinition> input = new ArrayList<>(
                EndpointFixtures.builder().seed(SEED + run).ids(true).build().list(valid));
        for (int i = 0; i < bad; i++) {
            input.add(
                    random.nextInt(input.size() + 1), email("bad-" + run + "-" + i, "not-an-address", "bad-user-" + i));
        }
        int fullRows = fault == Fault.FAILED_ROWS ? 1 + random.nextInt(5) : 0;
        for (int i = 0; i < fullRows; i++) {
            input.add(
                    random.nextInt(input.size() + 1),
                    email("more-" + run + "-" + i, "more" + run + "x" + i + "@example.com", FULL_USER));
        }
        String prefix = "p" + run + "/";
        ShardStore store =
                S3ShardStore.builder().s3(s3).bucket(BUCKET).prefix(prefix).build();
        if (fault == Fault.STORE_FAILS) {
            store = new FailingStore(store, random.nextInt(3));
        }
        EndpointImporter.Builder b = importer(store, temp)
                .maxRecordsPerShard(5 + random.nextInt(60))
                .badRecordPolicy(
                        fault == Fault.POLICY_STOP
                                ? BadRecordPolicy.failAfter(bad - 1)
                                : BadRecordPolicy.rejectAndContinue());
        Faults faults = emulator.faults();
        switch (fault) {
            case FAILED_JOB -> faults.failNextJob("Piece 1 could not be read");
            case CREATE_REFUSED ->
                faults.failNext(
                        Operation.CREATE_IMPORT_JOB,
                        1 + random.nextInt(2),
                        ModelledError.FORBIDDEN,
                        "not allowed to assume the role");
            case THROTTLING -> {
                faults.throttleNext(Operation.CREATE_IMPORT_JOB, 1 + random.nextInt(3));
                faults.throttleNext(Operation.GET_IMPORT_JOB, 1 + random.nextInt(8));
            }
            case S3_OBJECT_GONE -> faults.deleteBeforeRead("/00000/");
            case RUN_TIMEOUT -> b.runTimeout(Duration.ofMillis(1 + random.nextInt(150)));
            case JOB_TIMEOUT -> {
                faults.delay(Operation.GET_IMPORT_JOB, Duration.ofMillis(200));
                b.jobTimeout(Duration.ofMillis(50));
            }
            default -> {}
        }
        ImportSummary s;
        try (EndpointImporter importer = b.build()) {
            ImportRun r = importer.importEndpoints(input);
            if (fault == Fault.CANCEL) {
                int after = random.nextInt(3);
                AtomicInteger stored = new AtomicInteger();
                AtomicBoolean cancelled = new AtomicBoolean();
                r.addListener(new ImportListener() {
                    @Override
                    public void shardStored(StoredShard shard) {
                        if (stored.incrementAndGet() > after && cancelled.compareAndSet(false, true)) {
                            r.cancel();
                        }
                    }

                    @Override
                    public void jobStatus(String s3Url, JobSnapshot job) {
                        if (cancelled.compareAndSet(false, true)) {
                            r.cancel();
                        }
                    }
                });
            }
            s = r.outcome().get(60, TimeUnit.SECONDS);
            assertThat(r.summary()).as(context).isDone();
            assertThat(r.summary().isCompletedExceptionally())
                    .as(context + ": %s", s)
                    .isEqualTo(s.stopped().isPresent());
        }
        assertAddsUp(s, context);
        if (s.stopped().isEmpty()) {
            assertThat(s.recordsRead()).as(context).isEqualTo(input.size());
            assertThat(s.recordsRejected()).as(context).isEqualTo(bad);
        }
        if (fault == Fault.FAILED_ROWS) {
            assertThat(s.recordsFailedInService()).as(context + ": %s", s).isEqualTo(fullRows);
        }
        if (fault == Fault.NONE || fault == Fault.THROTTLING) {
            assertThat(s.recordsImported()).as(context + ": %s", s).isEqualTo(valid);
        }
        if (s.stopped().isPresent() && s.leftInStore().isEmpty()) {
            assertThat(s3Direct.listObjectsV2(l -> l.bucket(BUCKET).prefix(prefix))
                            .contents())
                    .as(context + ": objects left by a stopped run that says it left none: %s", s)
                    .isEmpty();
        }
    }

    /**
     * Every check of a job fails for longer than the call's own retries (a 5xx outage): the watch keeps checking,
     * further apart as the job ages, and sees the job's end once the service answers again.
     */
    @Test
    void jobWatchRidesOutAnOutageLongerThanTheCallRetries() throws Exception {
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(SEED).ids(true).build().list(30);
        emulator.faults().serverErrorNext(Operation.GET_IMPORT_JOB, 12);
        ShardStore store =
                S3ShardStore.builder().s3(s3).bucket(BUCKET).prefix("outage/").build();
        try (EndpointImporter importer = importer(store, temp)
                .retry(r -> r.maxAttempts(3).initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(20)))
                .build()) {
            ImportSummary s = importer.importEndpoints(input).summary().get(60, TimeUnit.SECONDS);
            assertThat(s.jobErrors()).as("%s", s).isEmpty();
            assertThat(s.recordsImported()).isEqualTo(30);
            assertAddsUp(s, "outage");
        } finally {
            emulator.faults().clear();
        }
    }

    /**
     * A run with a journal cancelled after its first shard is stored keeps its shards for a resume and says so; the
     * resumed run imports everything; both summaries add up.
     */
    @Test
    void cancelledRunKeepsItsShardsForTheResumeAndBothSummariesAddUp() throws Exception {
        StringBuilder csv = new StringBuilder("Id,ChannelType,Address,User.UserId\n");
        for (int i = 0; i < 120; i++) {
            csv.append("resume-")
                    .append(i)
                    .append(",EMAIL,resume")
                    .append(i)
                    .append("@example.com,resume-user-")
                    .append(i)
                    .append('\n');
        }
        csv.append("resume-bad,EMAIL,not-an-address,resume-user-bad\n");
        Path file = java.nio.file.Files.writeString(temp.resolve("resume.csv"), csv);
        Path journals = java.nio.file.Files.createDirectories(temp.resolve("journals"));
        ShardStore store =
                S3ShardStore.builder().s3(s3).bucket(BUCKET).prefix("resume/").build();
        try (EndpointImporter importer = importer(store, temp)
                .journalDirectory(journals)
                .maxRecordsPerShard(20)
                .badRecordPolicy(BadRecordPolicy.rejectAndContinue())
                .build()) {
            ImportRun first = importer.importFiles(file);
            AtomicBoolean cancelled = new AtomicBoolean();
            first.addListener(new ImportListener() {
                @Override
                public void shardStored(StoredShard shard) {
                    if (cancelled.compareAndSet(false, true)) {
                        first.cancel();
                    }
                }
            });
            ImportSummary stopped = first.outcome().get(60, TimeUnit.SECONDS);
            assertThat(stopped.stopped()).contains("cancelled");
            assertAddsUp(stopped, "cancelled");
            assertThat(stopped.leftInStore())
                    .as("%s", stopped)
                    .hasValueSatisfying(
                            left -> assertThat(left).contains(first.runId(), "s3://" + BUCKET + "/resume/", "resum"));

            ImportSummary resumed = importer.resume(first.runId()).outcome().get(60, TimeUnit.SECONDS);
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.stopped()).isEmpty();
            assertAddsUp(resumed, "resumed");
            assertThat(resumed.recordsRead()).isEqualTo(121);
            assertThat(resumed.recordsRejected()).isEqualTo(1);
            assertThat(resumed.recordsImported()).isEqualTo(120);
        }
    }

    static void assertAddsUp(ImportSummary s, String context) {
        assertThat(s.recordsRejected()
                        + s.recordsImported()
                        + s.recordsFailedInService()
                        + s.recordsFailedWithJob()
                        + s.recordsNotSubmitted())
                .as("%s: rejected + imported + failed in service + failed with job + not submitted: %s", context, s)
                .isEqualTo(s.recordsRead());
        for (ImportResult r : s.results()) {
            assertThat(r.recordsImported() + r.recordsFailedInService() + r.recordsFailedWithJob())
                    .as("%s: job %s", context, r)
                    .isEqualTo(r.records());
            assertThat(r.recordsSubmitted()).as("%s: job %s", context, r).isPresent();
        }
        assertThat(s.results().size() + s.jobErrors().size()).as(context).isEqualTo(s.shards());
    }
}
