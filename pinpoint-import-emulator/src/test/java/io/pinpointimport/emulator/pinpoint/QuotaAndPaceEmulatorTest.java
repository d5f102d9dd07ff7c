package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.QuotaMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.pinpoint.model.TooManyRequestsException;
import software.amazon.awssdk.services.s3.S3Client;

/** The active-job quota in both modes, and the three paces. */
class QuotaAndPaceEmulatorTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    static final String URL = "s3://quota/p/";

    static LocalS3 s3;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
        s3.createBucket("quota");
        StringBuilder csv = new StringBuilder("ChannelType,Address\n");
        for (int i = 0; i < 10; i++) {
            csv.append("EMAIL,a").append(i).append("@example.com\n");
        }
        try (S3Client client = s3.newClient()) {
            client.putObject(b -> b.bucket("quota").key("p/a.csv"), RequestBody.fromString(csv.toString()));
            client.putObject(b -> b.bucket("quota").key("p/b.csv"), RequestBody.fromString(csv.toString()));
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    static ImportJobResponse create(PinpointAsyncClient client, String app) {
        return client.createImportJob(r -> r.applicationId(app)
                        .importJobRequest(j ->
                                j.format(Format.CSV).s3Url(URL).roleArn(ROLE).registerEndpoints(true)))
                .join()
                .importJobResponse();
    }

    static ImportJobResponse get(PinpointAsyncClient client, String app, String job) {
        return client.getImportJob(r -> r.applicationId(app).jobId(job)).join().importJobResponse();
    }

    @Test
    void queueModeParksJobsInPendingJobUntilASlotFrees() {
        try (PinpointEmulator emulator = PinpointEmulator.builder()
                        .s3(s3)
                        .pace(Pace.steps())
                        .activeJobLimit(1)
                        .quotaMode(QuotaMode.QUEUE)
                        .start();
                PinpointAsyncClient client = emulator.newAsyncClient()) {
            String app = emulator.createApp("queue");
            ImportJobResponse first = create(client, app);
            ImportJobResponse second = create(client, app);
            assertThat(first.jobStatus()).isEqualTo(JobStatus.CREATED);
            assertThat(second.jobStatus()).isEqualTo(JobStatus.PENDING_JOB);
            assertThat(get(client, app, second.id()).jobStatus())
                    .as("asking does not start it")
                    .isEqualTo(JobStatus.PENDING_JOB);

            JobStatus status = first.jobStatus();
            for (int i = 0; i < 10 && status != JobStatus.COMPLETED; i++) {
                status = get(client, app, first.id()).jobStatus();
            }
            assertThat(status).isEqualTo(JobStatus.COMPLETED);
            assertThat(client.getImportJobs(r -> r.applicationId(app))
                            .join()
                            .importJobsResponse()
                            .item()
                            .get(0)
                            .jobStatus())
                    .as("the queued job started when the first finished")
                    .isEqualTo(JobStatus.CREATED);
            List<JobStatus> seen = new ArrayList<>();
            for (int i = 0; i < 10 && !seen.contains(JobStatus.COMPLETED); i++) {
                seen.add(get(client, app, second.id()).jobStatus());
            }
            assertThat(seen)
                    .containsExactly(
                            JobStatus.INITIALIZING, JobStatus.PROCESSING, JobStatus.COMPLETING, JobStatus.COMPLETED);
        }
    }

    @Test
    void refuseModeAnswers429ByDefault() {
        try (PinpointEmulator emulator = PinpointEmulator.builder()
                        .s3(s3)
                        .pace(Pace.steps())
                        .activeJobLimit(1)
                        .quotaMode(QuotaMode.REFUSE)
                        .start();
                PinpointAsyncClient client = emulator.newAsyncClientWithoutRetries()) {
            String app = emulator.createApp("refuse");
            ImportJobResponse first = create(client, app);
            assertThatThrownBy(() -> create(client, app))
                    .hasCauseExactlyInstanceOf(TooManyRequestsException.class)
                    .cause()
                    .hasMessageContaining("Active import job quota exceeded: 1 import jobs are running");
            assertThat(client.getImportJobs(r -> r.applicationId(app))
                            .join()
                            .importJobsResponse()
                            .item())
                    .as("a refused job is not recorded")
                    .hasSize(1);
            for (int i = 0; i < 10 && get(client, app, first.id()).jobStatus() != JobStatus.COMPLETED; i++) {
                // each GetImportJob moves the job one state on
            }
            assertThat(create(client, app).jobStatus())
                    .as("a free slot accepts again")
                    .isEqualTo(JobStatus.CREATED);
        }
    }

    @Test
    void refuseModeCanAnswerAnotherError() {
        try (PinpointEmulator emulator = PinpointEmulator.builder()
                        .s3(s3)
                        .pace(Pace.steps())
                        .activeJobLimit(1)
                        .quotaMode(QuotaMode.REFUSE)
                        .quotaRefusal(ModelledError.BAD_REQUEST)
                        .start();
                PinpointAsyncClient client = emulator.newAsyncClientWithoutRetries()) {
            String app = emulator.createApp("refuse");
            create(client, app);
            assertThatThrownBy(() -> create(client, app)).hasCauseExactlyInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void aQuotaRefusalWithoutRefuseModeIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> PinpointEmulator.builder()
                        .s3(s3)
                        .quotaRefusal(ModelledError.BAD_REQUEST)
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quotaRefusal")
                .hasMessageContaining("QUEUE");
    }

    @Test
    void instantPaceIsFinishedByTheFirstGet() {
        try (PinpointEmulator emulator = PinpointEmulator.builder().s3(s3).start();
                PinpointAsyncClient client = emulator.newAsyncClient()) {
            String app = emulator.createApp("instant");
            ImportJobResponse created = create(client, app);
            assertThat(created.jobStatus()).isEqualTo(JobStatus.CREATED);
            ImportJobResponse done = get(client, app, created.id());
            assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.totalProcessed()).isEqualTo(20);
        }
    }

    @Test
    void timedPaceMovesJobsOnItsOwnWithGrowingCounters() {
        try (PinpointEmulator emulator = PinpointEmulator.builder()
                        .s3(s3)
                        .pace(Pace.timed(Duration.ofMillis(30)))
                        .rowsPerPiece(3)
                        .start();
                PinpointAsyncClient client = emulator.newAsyncClient()) {
            String app = emulator.createApp("timed");
            ImportJobResponse created = create(client, app);
            List<ImportJobResponse> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            ImportJobResponse job = created;
            while (job.jobStatus() != JobStatus.COMPLETED && System.nanoTime() < deadline) {
                job = get(client, app, created.id());
                seen.add(job);
            }
            assertThat(job.jobStatus()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.totalPieces()).isEqualTo(8); // 10 rows in 3-row pieces, twice
            assertThat(job.completedPieces()).isEqualTo(8);
            assertThat(job.totalProcessed()).isEqualTo(20);
            List<Integer> processed = seen.stream()
                    .map(ImportJobResponse::totalProcessed)
                    .filter(p -> p != null)
                    .toList();
            assertThat(processed).isSorted();
        }
    }

    @Test
    void paceFactories() {
        assertThat(Pace.speed(10).step()).isEqualTo(Duration.ofMillis(250));
        assertThat(Pace.realTime().kind()).isEqualTo(Pace.Kind.TIMED);
        assertThat(Pace.steps()).isEqualTo(Pace.steps()).isNotEqualTo(Pace.instant());
        assertThatThrownBy(() -> Pace.timed(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pace.speed(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
