package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.ResubmitException;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Issue 18, re-import what failed: a stored shard whose job failed for a cause outside the data is given a new job
 * from the stored object ({@link EndpointImporter#resubmit(String, int)}), without reading the input again, and
 * the refusals: a shard no longer stored, a job that succeeded, a job still running, a second resubmit.
 */
class ResubmitEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String BUCKET = "resubmit";
    private static final int SHARDS = 5;
    private static final int PER_SHARD = 20;
    private static final int FAILED_SHARD = 2;
    private static final String TARGET = "/0000" + FAILED_SHARD + "/";
    private static final long WAIT_SECONDS = 60;

    static LocalS3 localS3;
    static PinpointEmulator emulator;
    static PinpointAsyncClient pinpoint;
    static S3AsyncClient s3;

    @TempDir
    Path temp;

    String app;
    Path journal;

    @BeforeAll
    static void start() {
        localS3 = LocalS3.start();
        localS3.createBucket(BUCKET);
        emulator = PinpointEmulator.builder().s3(localS3).start();
        pinpoint = emulator.newAsyncClient();
        s3 = localS3.newAsyncClient();
    }

    @AfterAll
    static void stop() {
        s3.close();
        pinpoint.close();
        emulator.close();
        localS3.close();
    }

    @BeforeEach
    void app() {
        app = emulator.createApp("resubmit");
        journal = temp.resolve("journal");
    }

    @AfterEach
    void reset() {
        emulator.reset();
    }

    private EndpointImporter.Builder importer() {
        return EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(app)
                .roleArn(ROLE)
                .shardStore(S3ShardStore.builder()
                        .s3(s3)
                        .bucket(BUCKET)
                        .prefix("resubmit/")
                        .build())
                .maxRecordsPerShard(PER_SHARD)
                .tempDirectory(temp)
                .journalDirectory(journal)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)));
    }

    /**
     * Runs the input file with shard {@value #FAILED_SHARD}'s job failing; then deletes the input file, when asked,
     * to show that a resubmitted shard comes from the store, never from the input.
     */
    private String runWithOneFailedJob(List<EndpointDefinition> input, String[] failedJobId, boolean deleteInput)
            throws Exception {
        Path file = FixtureFiles.write(ImportFormat.CSV, input, temp, "input.csv");
        ImportSummary summary;
        try (EndpointImporter importer = importer().build()) {
            summary = importer.importFiles(file).outcome().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        emulator.faults().clear();
        assertThat(summary.jobsFailed()).as(summary.toString()).isEqualTo(1);
        assertThat(summary.jobsCompleted()).isEqualTo(SHARDS - 1);
        ImportResult failed = summary.results().stream()
                .filter(r -> r.status() == JobStatus.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.shardNumber()).isEqualTo(FAILED_SHARD);
        failedJobId[0] = failed.jobId();
        if (deleteInput) {
            Files.delete(file);
        }
        return summary.runId();
    }

    @Test
    void aShardWhoseRoleWasDeniedIsImportedAgainFromTheStoreAndASecondResubmitCreatesNothing() throws Exception {
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(5).ids(true).build().list(SHARDS * PER_SHARD);
        emulator.faults().denyRole(ROLE, TARGET);
        String[] failedJob = new String[1];
        String runId = runWithOneFailedJob(input, failedJob, true);
        assertThat(missing(input))
                .as("the denied shard's endpoints are missing")
                .hasSize(PER_SHARD);

        List<String> heard = new ArrayList<>();
        ImportResult again;
        try (EndpointImporter importer = importer()
                .listener(new ImportListener() {
                    @Override
                    public void jobEnded(ImportResult result) {
                        heard.add(result.shardNumber() + " " + result.status());
                    }
                })
                .build()) {
            again = importer.resubmit(runId, FAILED_SHARD).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        assertThat(again.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(again.shardNumber()).isEqualTo(FAILED_SHARD);
        assertThat(again.jobId()).isNotEqualTo(failedJob[0]);
        assertThat(again.s3Url()).contains(runId + TARGET);
        assertThat(again.totalProcessed()).hasValue(PER_SHARD);
        assertThat(again.recordsSubmitted()).hasValue(PER_SHARD);
        assertThat(heard)
                .as("the importer's listeners hear of the new job")
                .containsExactly(FAILED_SHARD + " COMPLETED");
        assertLandedOnce(input);
        assertThat(jobsByUrl().get(again.s3Url()))
                .as("the failed job and the new one")
                .hasSize(2);

        // run twice: the journal has the new job's success, so nothing more is created
        try (EndpointImporter importer = importer().build()) {
            assertThatThrownBy(() -> importer.resubmit(runId, FAILED_SHARD))
                    .isInstanceOf(ResubmitException.class)
                    .hasMessageContaining("its job " + again.jobId() + " succeeded");
            assertThat(importer.resubmitFailed(runId))
                    .as("no shard's job failed any more")
                    .isEmpty();
            assertThatThrownBy(() -> importer.resubmit(runId, 0))
                    .isInstanceOf(ResubmitException.class)
                    .hasMessageContaining("succeeded");
            assertThatThrownBy(() -> importer.resubmit(runId, SHARDS))
                    .isInstanceOf(ResubmitException.class)
                    .hasMessageContaining("the run has no such shard (it wrote " + SHARDS + ", numbered from 0)");
        }
        assertThat(jobs()).as("one job per shard, plus the failed one").hasSize(SHARDS + 1);
    }

    @Test
    void aShardNoLongerStoredIsRefusedAndNothingIsCreated() throws Exception {
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(6).ids(true).build().list(SHARDS * PER_SHARD);
        // the job finds its object listed, and it is deleted before the job reads it
        emulator.faults().deleteBeforeRead(TARGET);
        String runId = runWithOneFailedJob(input, new String[1], true);

        try (EndpointImporter importer = importer().build()) {
            CompletableFuture<ImportResult> again =
                    importer.resubmitFailed(runId).get(FAILED_SHARD);
            assertThat(again)
                    .failsWithin(Duration.ofSeconds(WAIT_SECONDS))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(ResubmitException.class)
                    .withMessageContaining("no longer stored");
        }
        assertThat(jobs()).as("nothing created").hasSize(SHARDS);
    }

    @Test
    void aResubmittedJobStillRunningIsNeitherResubmittedAgainNorLostAndAResumeRecordsItsEnd() throws Exception {
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(7).ids(true).build().list(SHARDS * PER_SHARD);
        emulator.faults().failJobAt(TARGET, "s3://" + BUCKET + "/…" + TARGET + "part.csv: a service fault");
        String[] failedJob = new String[1];
        String runId = runWithOneFailedJob(input, failedJob, false);

        // the new job's checks are held back: it never ends while this importer watches it
        emulator.faults().delay(Operation.GET_IMPORT_JOB, Duration.ofMinutes(10));
        CompletableFuture<String> created = new CompletableFuture<>();
        String newJob;
        try (EndpointImporter first = importer()
                        .listener(new ImportListener() {
                            @Override
                            public void jobStatus(String s3Url, JobSnapshot snapshot) {
                                created.complete(snapshot.id());
                            }
                        })
                        .build();
                EndpointImporter second = importer().build()) {
            CompletableFuture<ImportResult> watched = first.resubmit(runId, FAILED_SHARD);
            newJob = created.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThatThrownBy(() -> second.resubmit(runId, FAILED_SHARD))
                    .as("a second resubmit while the first watches its job")
                    .isInstanceOf(ResubmitException.class)
                    .hasMessageContaining(newJob + ", has no recorded end");
            watched.cancel(false);
            assertThatThrownBy(() -> second.resubmit(runId, FAILED_SHARD))
                    .as("the journal has the new job without an end")
                    .isInstanceOf(ResubmitException.class)
                    .hasMessageContaining(newJob + ", has no recorded end");
            assertThat(second.resubmitFailed(runId))
                    .as("a job whose end is not known is not taken as failed")
                    .isEmpty();
            assertThat(jobs()).hasSize(SHARDS + 1);

            emulator.faults().clear();
        }
        // a resume watches the job to its end and records it; then the shard is done
        try (EndpointImporter importer = importer().build()) {
            ImportSummary resumed = importer.resume(runId).summary().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(resumed.jobsFailed()).isZero();
            assertThat(resumed.jobsCompleted()).isEqualTo(SHARDS);
            assertThat(resumed.recordsImported()).isEqualTo(SHARDS * PER_SHARD);
            assertThat(resumed.results())
                    .filteredOn(r -> r.shardNumber() == FAILED_SHARD)
                    .extracting(ImportResult::jobId)
                    .containsExactly(newJob);
            assertThatThrownBy(() -> importer.resubmit(runId, FAILED_SHARD)).hasMessageContaining("succeeded");
        }
        assertThat(jobs())
                .as("the resume watched the new job, and created none")
                .hasSize(SHARDS + 1);
        assertThat(jobsByUrl().values())
                .anySatisfy(ids -> assertThat(ids).containsExactlyInAnyOrder(failedJob[0], newJob));
        assertLandedOnce(input);
    }

    private List<String> missing(List<EndpointDefinition> input) {
        return input.stream()
                .map(d -> pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                        .handle((r, e) -> e == null ? null : d.id()))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .filter(id -> id != null)
                .toList();
    }

    private void assertLandedOnce(List<EndpointDefinition> input) {
        SoftAssertions soft = new SoftAssertions();
        for (EndpointDefinition d : input) {
            EndpointResponse e = pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                    .join()
                    .endpointResponse();
            soft.assertThat(e.channelTypeAsString()).as(d.id() + " ChannelType").isEqualTo(d.channelTypeAsString());
            soft.assertThat(e.address()).as(d.id() + " Address").isEqualTo(d.address());
            soft.assertThat(e.attributes()).as(d.id() + " Attributes").isEqualTo(d.attributes());
        }
        soft.assertThat(jobs().stream()
                        .filter(j -> "COMPLETED".equals(j.jobStatusAsString()))
                        .mapToLong(ImportJobResponse::totalProcessed)
                        .sum())
                .as("every record processed once by the jobs that completed")
                .isEqualTo(input.size());
        soft.assertAll();
    }

    private Map<String, List<String>> jobsByUrl() {
        return jobs().stream()
                .collect(Collectors.groupingBy(
                        j -> j.definition().s3Url(), Collectors.mapping(ImportJobResponse::id, Collectors.toList())));
    }

    private List<ImportJobResponse> jobs() {
        return AppImportJobs.of(pinpoint, app);
    }
}
