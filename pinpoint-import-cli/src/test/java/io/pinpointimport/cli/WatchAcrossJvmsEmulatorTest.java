package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.emulator.EmulatorMain;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;

/**
 * Issue 18, "the process that started this job is gone; can I wait for it from here?": the standalone emulator
 * ({@link EmulatorMain}, its own JVM, jobs moving on a clock) gets a job from {@code import} in a second JVM, which
 * is killed as soon as the job exists; {@code job ID --wait} in a third JVM and {@link EndpointImporter#watchJob}
 * in this one then watch the job, by its id alone, to its end.
 */
class WatchAcrossJvmsEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    /** Each job state lasts this long: a job ends about four steps after its create. */
    private static final long STEP_MILLIS = 2000;

    private static final long DEADLINE_SECONDS = 90;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws Exception {
        for (Process p : processes) {
            if (p.isAlive()) {
                // the emulator shuts down cleanly on SIGTERM; the others are gone already
                p.destroy();
                if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aJobStartedByAKilledJvmIsWatchedToItsEndByIdFromTwoOthers() throws Exception {
        Path ready = dir.resolve("emulator.env");
        Process emulatorProcess = start(
                EmulatorMain.class,
                List.of(
                        "--pace",
                        "timed:" + STEP_MILLIS,
                        "--app",
                        "watch",
                        "--bucket",
                        "watch",
                        "--ready-file",
                        ready.toString()),
                Map.of(),
                "emulator");
        await("the standalone emulator is ready", emulatorProcess, () -> Files.exists(ready));
        Properties env = new Properties();
        env.load(new StringReader(Files.readString(ready, UTF_8)));
        String app = env.getProperty("APP_ID");
        String pinpointEndpoint = env.getProperty("PINPOINT_ENDPOINT");
        Map<String, String> credentials = Map.of(
                "AWS_ACCESS_KEY_ID", env.getProperty("AWS_ACCESS_KEY_ID"),
                "AWS_SECRET_ACCESS_KEY", env.getProperty("AWS_SECRET_ACCESS_KEY"),
                "AWS_REGION", "us-east-1");

        try (PinpointAsyncClient pinpoint = PinpointAsyncClient.builder()
                .endpointOverride(URI.create(pinpointEndpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.getProperty("AWS_ACCESS_KEY_ID"), env.getProperty("AWS_SECRET_ACCESS_KEY"))))
                .build()) {
            Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);
            Process starter = start(
                    PinpointImportCli.class,
                    List.of(
                            "import",
                            csv.toString(),
                            "--app",
                            app,
                            "--role-arn",
                            ROLE,
                            "--bucket",
                            env.getProperty("BUCKET"),
                            "--region",
                            "us-east-1",
                            "--endpoint-url",
                            pinpointEndpoint,
                            "--s3-endpoint-url",
                            env.getProperty("S3_ENDPOINT")),
                    credentials,
                    "starter");
            await(
                    "the starter's job exists",
                    starter,
                    () -> !jobs(pinpoint, app).isEmpty());
            starter.destroyForcibly().waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
            ImportJobResponse job = jobs(pinpoint, app).get(0);
            assertThat(job.jobStatusAsString())
                    .as("the job was not over when the JVM that started it died")
                    .isNotIn("COMPLETED", "FAILED");

            Process waiter = start(
                    PinpointImportCli.class,
                    List.of(
                            "job",
                            job.id(),
                            "--wait",
                            "--app",
                            app,
                            "--region",
                            "us-east-1",
                            "--endpoint-url",
                            pinpointEndpoint),
                    credentials,
                    "waiter");

            List<JobStatus> seen = new CopyOnWriteArrayList<>();
            ImportResult watched;
            try (EndpointImporter importer = EndpointImporter.builder()
                    .pinpoint(pinpoint)
                    .applicationId(app)
                    .roleArn(ROLE)
                    .shardStore(new NeverStores())
                    .polling(p -> p.earlyInterval(Duration.ofMillis(200))
                            .minInterval(Duration.ofMillis(200))
                            .maxInterval(Duration.ofMillis(500)))
                    .listener(new ImportListener() {
                        @Override
                        public void jobStatus(String s3Url, JobSnapshot snapshot) {
                            seen.add(snapshot.status());
                        }
                    })
                    .build()) {
                watched = importer.watchJob(job.id()).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
            assertThat(watched.jobId()).isEqualTo(job.id());
            assertThat(watched.status()).isEqualTo(JobStatus.COMPLETED);
            int processed = jobs(pinpoint, app).get(0).totalProcessed();
            assertThat(processed).as("the seed file's records").isPositive();
            assertThat(watched.totalProcessed()).hasValue(processed);
            assertThat(seen).as("statuses seen by this JVM's watch").isNotEmpty();
            assertThat(seen.get(0)).as("first seen while the job ran").isNotEqualTo(JobStatus.COMPLETED);
            assertThat(seen.get(seen.size() - 1)).isEqualTo(JobStatus.COMPLETED);

            assertThat(waiter.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS))
                    .as("job --wait ended; " + read("waiter.err"))
                    .isTrue();
            assertThat(waiter.exitValue()).as(read("waiter.err")).isEqualTo(ExitCodes.OK);
            assertThat(read("waiter.err")).contains("Waiting for import job " + job.id());
            assertThat(read("waiter.out")).contains(job.id(), "COMPLETED");
            assertThat(jobs(pinpoint, app)).as("watching never creates a job").hasSize(1);
        }
    }

    private Process start(Class<?> main, List<String> args, Map<String, String> env, String name) throws IOException {
        Process p = ChildJvm.start(main, args, env, dir.resolve(name + ".out"), dir.resolve(name + ".err"));
        processes.add(p);
        return p;
    }

    private void await(String what, Process process, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive())
                    .as(what + ": the process is alive; " + errors())
                    .isTrue();
            assertThat(System.nanoTime()).as(what + " in time; " + errors()).isLessThan(deadline);
            try {
                process.onExit().get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still running: look again
            }
        }
    }

    private String errors() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("emulator.err", "starter.err", "waiter.err")) {
            sb.append(name).append(": ").append(read(name)).append('\n');
        }
        return sb.toString();
    }

    private String read(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readString(f, UTF_8) : "";
    }

    private static List<ImportJobResponse> jobs(PinpointAsyncClient pinpoint, String app) {
        return pinpoint.getImportJobs(b -> b.applicationId(app).pageSize("100"))
                .join()
                .importJobsResponse()
                .item();
    }

    /** A watch never stores a shard. */
    private static final class NeverStores implements ShardStore {
        @Override
        public CompletableFuture<StoredShard> store(String runId, Shard shard) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("watch only"));
        }
    }
}
