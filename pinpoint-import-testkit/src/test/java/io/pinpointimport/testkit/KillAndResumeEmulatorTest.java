package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportException;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The kill test: an import runs in a child JVM ({@link ImportChild}) against this JVM's emulator and S3, is killed
 * with {@link Process#destroyForcibly()} at a chosen point, then resumed from its journal in a new JVM. Whatever
 * the point, afterwards the emulator holds every input endpoint as defined, exactly once: one job per shard, no
 * shard with two jobs, the jobs' processed counts adding up to the input, and the resumed run's summary accounting
 * for every record.
 *
 * <p>The kill points are reached deterministically, never by timing: the child holds back the stores of chosen
 * shards, the emulator holds back job checks ({@link Faults#delay}) or the answer of a create
 * ({@link Faults#holdNextCreateAfterRecording()}); the test waits for the child's event lines, then kills.
 */
class KillAndResumeEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String PREFIX = "kill/";
    /** Two input files of this many endpoints each. */
    private static final int PER_FILE = 1000;

    private static final int RECORDS = 2 * PER_FILE;
    /** 2000 records at 240 per shard: 9 shards, the fifth spanning both files. */
    private static final int RECORDS_PER_SHARD = 240;

    private static final int SHARDS = (RECORDS + RECORDS_PER_SHARD - 1) / RECORDS_PER_SHARD;

    @RegisterExtension
    static final PinpointEmulatorExtension PINPOINT =
            PinpointEmulatorExtension.builder().bucket("kill").build();

    @TempDir
    Path temp;

    private final List<ChildJvm> children = new ArrayList<>();

    /** Where the first child is killed. */
    enum KillPoint {
        /** While shards are being written, before any is stored (stores held back in the child). */
        MID_SHARD_WRITING,
        /**
         * Two shards uploaded, but the child never learnt it (the store's answer held back in the child), so its
         * journal does not say they are stored: the crash between an upload and its journal entry.
         */
        AFTER_UPLOAD_BEFORE_JOURNAL,
        /** After three shards are stored and two jobs created (job checks held back, so the jobs never end). */
        AFTER_SHARDS_STORED,
        /** Right after a create: the emulator recorded the job, the child never got the answer. */
        RIGHT_AFTER_CREATE
    }

    @AfterEach
    void killLeftovers() throws Exception {
        for (ChildJvm child : children) {
            child.kill();
        }
    }

    @ParameterizedTest(name = "killed {0}")
    @EnumSource(KillPoint.class)
    void resumedRunImportsEveryEndpointOnceWithOneJobPerShard(
            KillPoint point,
            PinpointEmulator emulator,
            PinpointAsyncClient pinpoint,
            @Bucket String bucket,
            @ApplicationId String app)
            throws Exception {
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(8).ids(true).build().list(RECORDS);
        assertThat(input)
                .extracting(EndpointDefinition::id)
                .doesNotContainNull()
                .doesNotHaveDuplicates();
        List<Path> files = List.of(
                FixtureFiles.write(ImportFormat.JSON, input.subList(0, PER_FILE), temp, "input-1.json"),
                FixtureFiles.write(ImportFormat.JSON, input.subList(PER_FILE, RECORDS), temp, "input-2.json"));
        List<String> settings = settings(emulator, bucket, app);

        ChildJvm first;
        String heldJobId = null;
        List<String> firstJobIds = List.of();
        List<String> uploadedUnknown = List.of();
        switch (point) {
            case MID_SHARD_WRITING -> {
                first = start(settings, List.of("holdStoresFrom=0"), "start", files);
                // the writer stops when the uploads it may have pending are all held
                first.await(
                        "two held stores and a third shard written",
                        c -> c.count(ImportChild.STORE_HELD) >= 2 && c.maxCount(ImportChild.SHARD_WRITTEN) >= 3);
                first.kill();
                assertThat(first.count(ImportChild.SHARD_STORED))
                        .as(first.describe())
                        .isZero();
                assertThat(first.maxCount(ImportChild.SHARD_WRITTEN))
                        .as("killed mid-writing: " + first.describe())
                        .isLessThan(SHARDS);
            }
            case AFTER_UPLOAD_BEFORE_JOURNAL -> {
                first = start(settings, List.of("holdStoresFrom=0", "holdAfterUpload=true"), "start", files);
                first.await("two shards uploaded without the child knowing", c -> c.count(ImportChild.STORE_HELD) >= 2);
                first.kill();
                assertThat(first.count(ImportChild.SHARD_STORED))
                        .as(first.describe())
                        .isZero();
                uploadedUnknown = first.lines(ImportChild.STORE_HELD).stream()
                        .map(l -> l.split(" ")[1])
                        .toList();
                assertThat(shardObjects(emulator, bucket, first.runId()))
                        .as("uploaded")
                        .hasSizeGreaterThanOrEqualTo(uploadedUnknown.size());
            }
            case AFTER_SHARDS_STORED -> {
                // jobs are created but never seen to end, so they hold both job slots of the child
                emulator.faults().delay(Operation.GET_IMPORT_JOB, Duration.ofMinutes(10));
                first = start(settings, List.of("holdStoresFrom=3"), "start", files);
                first.await(
                        "three shards stored and two jobs created",
                        c -> c.count(ImportChild.SHARD_STORED) >= 3 && c.count(ImportChild.JOB) >= 2);
                first.kill();
                emulator.faults().clear();
                firstJobIds = first.lines(ImportChild.JOB).stream()
                        .map(l -> l.split(" ")[2])
                        .toList();
                assertThat(firstJobIds).as(first.describe()).hasSize(2);
                assertThat(first.count(ImportChild.JOB_ENDED))
                        .as(first.describe())
                        .isZero();
            }
            case RIGHT_AFTER_CREATE -> {
                CompletableFuture<String> recorded = emulator.faults().holdNextCreateAfterRecording();
                first = start(settings, List.of(), "start", files);
                heldJobId = first.awaitOrExit(recorded, "a create to be recorded");
                first.kill();
                emulator.faults().clear();
                String held = heldJobId;
                assertThat(first.lines(ImportChild.JOB))
                        .as("the child never learnt the held job")
                        .noneMatch(l -> l.endsWith(" " + held));
            }
            default -> throw new IllegalStateException(point.toString());
        }
        assertThat(first.count(ChildJvm.DONE)).as(first.describe()).isZero();
        String runId = first.runId();

        ChildJvm resumed = start(settings, List.of(), "resume", List.of(runId));
        int exit = resumed.awaitExit();
        String both = "killed child " + first.describe() + "\nresumed child " + resumed.describe();
        assertThat(exit).as("resumed child's exit code; " + both).isZero();

        Map<String, Long> done = resumed.summary();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(done)
                .as("resumed summary; " + both)
                .containsEntry("read", (long) RECORDS)
                .containsEntry("rejected", 0L)
                .containsEntry("submitted", (long) RECORDS)
                .containsEntry("shards", (long) SHARDS)
                .containsEntry("results", (long) SHARDS)
                .containsEntry("completed", (long) SHARDS)
                .containsEntry("failed", 0L)
                .containsEntry("jobErrors", 0L)
                .containsEntry("serviceProcessed", (long) RECORDS)
                .containsEntry("serviceFailed", 0L)
                .containsEntry("resumed", 1L);

        List<String> objects = shardObjects(emulator, bucket, runId);
        soft.assertThat(objects).as("one object per shard").hasSize(SHARDS);

        List<ImportJobResponse> jobs = AppImportJobs.of(pinpoint, app);
        Map<String, List<String>> jobsByUrl = jobs.stream()
                .collect(Collectors.groupingBy(
                        j -> j.definition().s3Url(), Collectors.mapping(ImportJobResponse::id, Collectors.toList())));
        soft.assertThat(jobsByUrl)
                .as("jobs by S3 URL")
                .hasSize(SHARDS)
                .allSatisfy((url, ids) -> assertThat(ids).as("jobs of " + url).hasSize(1));
        soft.assertThat(jobs)
                .as("jobs")
                .hasSize(SHARDS)
                .allSatisfy(j -> assertThat(j.jobStatusAsString()).isEqualTo("COMPLETED"));
        soft.assertThat(jobsByUrl.keySet())
                .as("every job reads exactly one shard object")
                .allSatisfy(url ->
                        assertThat(objects).filteredOn(o -> o.startsWith(url)).hasSize(1));
        soft.assertThat(jobs.stream()
                        .mapToLong(ImportJobResponse::totalProcessed)
                        .sum())
                .as("rows the service processed over all jobs: each record once")
                .isEqualTo(RECORDS);
        soft.assertThat(jobs.stream()
                        .mapToLong(ImportJobResponse::totalFailures)
                        .sum())
                .isZero();
        Map<String, Long> uploads = Stream.of(first, resumed)
                .flatMap(c -> c.lines(ImportChild.SHARD_STORED).stream())
                .filter(l -> l.endsWith(" true"))
                .collect(Collectors.groupingBy(l -> l.split(" ")[1], Collectors.counting()));
        soft.assertThat(uploads)
                .as("shards uploaded by a store that answered; " + both)
                .allSatisfy((shard, times) ->
                        assertThat(times).as("uploads of shard " + shard).isEqualTo(1L));
        for (String shard : uploadedUnknown) {
            soft.assertThat(resumed.lines(ImportChild.SHARD_STORED))
                    .as("shard %s was uploaded before the kill: not sent again; %s", shard, both)
                    .filteredOn(l -> l.split(" ")[1].equals(shard))
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .endsWith(" false");
        }
        if (heldJobId != null) {
            soft.assertThat(jobs)
                    .extracting(ImportJobResponse::id)
                    .as("the held job was adopted")
                    .contains(heldJobId);
        }
        soft.assertThat(jobs)
                .extracting(ImportJobResponse::id)
                .as("jobs of the killed run were watched")
                .containsAll(firstJobIds);
        soft.assertAll();

        assertLanded(input, pinpoint, app);
    }

    /**
     * Issue 18: a job started by one JVM, killed before it saw the job end, is watched to its end by another JVM
     * (this one) through its id alone, with the library's polling.
     */
    @Test
    void aJobStartedByAKilledJvmIsWatchedToItsEndByItsIdFromAnother(
            PinpointEmulator emulator,
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            @Bucket String bucket,
            @ApplicationId String app)
            throws Exception {
        int records = RECORDS_PER_SHARD; // one shard, one job
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(18).ids(true).build().list(records);
        Path file = FixtureFiles.write(ImportFormat.JSON, input, temp, "watched.json");
        // the child sees its job created but never ended
        emulator.faults().delay(Operation.GET_IMPORT_JOB, Duration.ofMinutes(10));
        ChildJvm first = start(settings(emulator, bucket, app), List.of(), "start", List.of(file));
        first.await("the job created", c -> c.count(ImportChild.JOB) >= 1);
        first.kill();
        emulator.faults().clear();
        assertThat(first.count(ImportChild.JOB_ENDED)).as(first.describe()).isZero();
        String jobUrl = first.lines(ImportChild.JOB).get(0).split(" ")[1];
        String jobId = first.lines(ImportChild.JOB).get(0).split(" ")[2];

        List<String> heard = new CopyOnWriteArrayList<>();
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(app)
                .roleArn(ROLE)
                .shardStore(S3ShardStore.builder()
                        .s3(s3)
                        .bucket(bucket)
                        .prefix(PREFIX)
                        .build())
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .listener(new ImportListener() {
                    @Override
                    public void jobEnded(ImportResult result) {
                        heard.add(result.jobId() + " " + result.status());
                    }
                })
                .build()) {
            ImportResult result =
                    importer.watchJob(jobId).get(ChildJvm.STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(result.jobId()).isEqualTo(jobId);
            assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(result.s3Url()).as("the service's S3 URL").isEqualTo(jobUrl);
            assertThat(result.totalProcessed()).hasValue(records);
            assertThat(result.totalFailures()).hasValue(0);
            assertThat(heard).as("listeners hear of the watched job's end").containsExactly(jobId + " COMPLETED");

            assertThat(importer.watchJob("no-such-job"))
                    .as("a job the service does not know ends the watch with the service's answer")
                    .failsWithin(ChildJvm.STEP_DEADLINE)
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(ImportException.class)
                    .havingCause()
                    .isInstanceOf(ImportTargetException.class);
        }
        assertThat(AppImportJobs.of(pinpoint, app))
                .as("watching never creates a job")
                .hasSize(1);
        assertLanded(input, pinpoint, app);
    }

    private List<String> settings(PinpointEmulator emulator, String bucket, String app) throws IOException {
        LocalS3 s3 = emulator.s3();
        return List.of(
                "pinpoint=" + emulator.endpoint(),
                "s3=" + s3.endpoint(),
                "accessKey=" + s3.accessKeyId(),
                "secretKey=" + s3.secretAccessKey(),
                "bucket=" + bucket,
                "prefix=" + PREFIX,
                "app=" + app,
                "role=" + ROLE,
                "maxRecords=" + RECORDS_PER_SHARD,
                "journal=" + Files.createDirectories(temp.resolve("journal")),
                "temp=" + Files.createDirectories(temp.resolve("shards")));
    }

    private static List<String> shardObjects(PinpointEmulator emulator, String bucket, String runId) {
        try (S3Client s3 = emulator.s3().newClient()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX)).contents().stream()
                    .map(S3Object::key)
                    .filter(k -> k.contains(runId))
                    .map(k -> "s3://" + bucket + "/" + k)
                    .toList();
        }
    }

    private static void assertLanded(List<EndpointDefinition> input, PinpointAsyncClient pinpoint, String app) {
        List<CompletableFuture<EndpointResponse>> landed = input.stream()
                .map(d -> pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                        .thenApply(r -> r.endpointResponse()))
                .toList();
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < input.size(); i++) {
            EndpointDefinition d = input.get(i);
            EndpointResponse e = landed.get(i).join();
            soft.assertThat(e.id()).isEqualTo(d.id());
            soft.assertThat(e.channelTypeAsString()).as(d.id() + " ChannelType").isEqualTo(d.channelTypeAsString());
            soft.assertThat(e.address()).as(d.id() + " Address").isEqualTo(d.address());
            soft.assertThat(e.attributes()).as(d.id() + " Attributes").isEqualTo(d.attributes());
            soft.assertThat(e.metrics()).as(d.id() + " Metrics").isEqualTo(d.metrics());
        }
        soft.assertAll();
    }

    private ChildJvm start(List<String> settings, List<String> extra, String mode, List<?> operands)
            throws IOException {
        List<String> args = new ArrayList<>(settings);
        args.addAll(extra);
        args.add(mode);
        operands.forEach(o -> args.add(o.toString()));
        ChildJvm child = ChildJvm.start(ImportChild.class, args, temp, "child-" + children.size() + "-" + mode);
        children.add(child);
        return child;
    }
}
