package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;

/**
 * Issue 18 on the command line: {@code import --journal-dir} killed for real (SIGKILL of a child JVM) right after
 * the service recorded a job whose answer the child never got, then {@code runs} and {@code resume RUN_ID}; and
 * {@code job ID --wait}.
 */
class CliJournalEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String BUCKET = "cli-journal";
    private static final int RECORDS = 600;
    private static final long STEP_SECONDS = 60;

    private static PinpointEmulator emulator;
    private static PinpointAsyncClient pinpoint;

    @TempDir
    Path dir;

    private Process child;

    @BeforeAll
    static void start() {
        emulator = PinpointEmulator.builder().pace(Pace.instant()).start();
        emulator.s3().createBucket(BUCKET);
        pinpoint = emulator.newAsyncClient();
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        emulator.close();
    }

    @AfterEach
    void killLeftovers() throws Exception {
        emulator.faults().clear();
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(STEP_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static Result cli(String... args) {
        return CliRunner.run(
                new ByteArrayInputStream(new byte[0]),
                b -> b.credentialsProvider(emulator.s3().credentialsProvider()),
                args);
    }

    private static List<String> importArgs(String app, Path file, Path journal) {
        return List.of(
                "import",
                file.toString(),
                "--app",
                app,
                "--role-arn",
                ROLE,
                "--bucket",
                BUCKET,
                "--prefix",
                "journal/",
                "--region",
                "us-east-1",
                "--max-shard-size",
                "30000",
                "--max-jobs",
                "1",
                "--endpoint-url",
                emulator.endpoint().toString(),
                "--s3-endpoint-url",
                emulator.s3().endpoint().toString(),
                "--journal-dir",
                journal.toString());
    }

    @Test
    void importKilledRightAfterACreateIsResumedWithEveryRecordImportedOnceAndOneJobPerShard() throws Exception {
        String app = emulator.createApp("kill");
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(18).ids(true).build().list(RECORDS);
        Path file = writeNdjson(input, "input.json");
        Path journal = dir.resolve("journal");

        // the service records the first job, the child never hears of it; --max-jobs 1 holds every other job back
        CompletableFuture<String> recorded = emulator.faults().holdNextCreateAfterRecording();
        child = startChild(importArgs(app, file, journal));
        CompletableFuture.anyOf(recorded, child.onExit()).get(STEP_SECONDS, TimeUnit.SECONDS);
        assertThat(recorded)
                .as("a create recorded before the child exited; " + stderr())
                .isDone();
        String heldJob = recorded.join();
        // the child saves its options right after the run starts, on its main thread: wait for that, then kill
        awaitArgumentsFile(journal);
        child.destroyForcibly().waitFor(STEP_SECONDS, TimeUnit.SECONDS);
        emulator.faults().clear();
        assertThat(child.exitValue()).as("killed").isNotZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)))
                .as("the journal directory is created owner-only")
                .isEqualTo("rwx------");

        Result runs = cli("runs", "--journal-dir", journal.toString(), "--json");
        assertThat(runs.exitCode()).as(runs.err()).isEqualTo(ExitCodes.OK);
        JsonNode listed = new ObjectMapper().readTree(runs.out()).get("runs");
        assertThat(listed).as(runs.out()).hasSize(1);
        assertThat(listed.get(0).get("unfinished").asBoolean()).isTrue();
        assertThat(listed.get(0).get("resumable").asBoolean()).isTrue();
        String runId = listed.get(0).get("runId").asText();
        assertThat(stderr()).contains("Import run " + runId + " started.");

        // the killed run's report says what it did so far, and that it has not ended
        Result killedReport = cli("report", runId, "--journal-dir", journal.toString(), "--json");
        assertThat(killedReport.exitCode()).as(killedReport.err()).isEqualTo(ExitCodes.OK);
        JsonNode soFar = new ObjectMapper().readTree(killedReport.out());
        assertThat(soFar.get("runEnded").asBoolean()).isFalse();
        assertThat(soFar.get("total").asLong()).isBetween(0L, (long) RECORDS);

        Result resumed = cli("resume", runId, "--journal-dir", journal.toString());
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(ExitCodes.OK);
        assertThat(resumed.out()).contains("records read      " + RECORDS);

        List<ImportJobResponse> jobs = jobs(app);
        Map<String, List<String>> jobsByUrl = jobs.stream()
                .collect(Collectors.groupingBy(
                        j -> j.definition().s3Url(), Collectors.mapping(ImportJobResponse::id, Collectors.toList())));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(jobsByUrl)
                .as("no second job for a shard")
                .hasSizeGreaterThan(1)
                .allSatisfy((url, ids) -> assertThat(ids).as("jobs of " + url).hasSize(1));
        soft.assertThat(jobs)
                .extracting(ImportJobResponse::id)
                .as("the held job was adopted")
                .contains(heldJob);
        soft.assertThat(jobs).allSatisfy(j -> assertThat(j.jobStatusAsString()).isEqualTo("COMPLETED"));
        soft.assertThat(jobs.stream()
                        .mapToLong(ImportJobResponse::totalProcessed)
                        .sum())
                .as("every record processed once")
                .isEqualTo(RECORDS);
        for (EndpointDefinition d : input) {
            EndpointResponse e = pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                    .join()
                    .endpointResponse();
            soft.assertThat(e.channelTypeAsString()).as(d.id() + " ChannelType").isEqualTo(d.channelTypeAsString());
            soft.assertThat(e.address()).as(d.id() + " Address").isEqualTo(d.address());
            soft.assertThat(e.attributes()).as(d.id() + " Attributes").isEqualTo(d.attributes());
        }
        // the resumed run continued the report: every record once, every one imported
        Result report = cli("report", runId, "--journal-dir", journal.toString(), "--json");
        JsonNode counts = new ObjectMapper().readTree(report.out());
        soft.assertThat(counts.get("runEnded").asBoolean()).isTrue();
        soft.assertThat(counts.get("total").asLong()).isEqualTo(RECORDS);
        soft.assertThat(counts.get("counts").get("IMPORTED").asLong()).isEqualTo(RECORDS);
        soft.assertAll();

        Result after = cli("runs", "--journal-dir", journal.toString(), "--json");
        assertThat(new ObjectMapper()
                        .readTree(after.out())
                        .get("runs")
                        .get(0)
                        .get("unfinished")
                        .asBoolean())
                .as("the resumed run is finished")
                .isFalse();
        Result again = cli("resume", "run-nope", "--journal-dir", journal.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("no run run-nope");
    }

    @Test
    void resubmitGivesTheShardWhoseRoleWasDeniedANewJobOnceAndRefusesTheRest() throws Exception {
        String app = emulator.createApp("resubmit");
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(19).ids(true).build().list(RECORDS);
        Path file = writeNdjson(input, "resubmit.json");
        Path journal = dir.resolve("journal");
        emulator.faults().denyRole(ROLE, "/00001/");

        Result imported = cli(importArgs(app, file, journal).toArray(String[]::new));
        emulator.faults().clear();
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.JOB_FAILED);
        Matcher started = Pattern.compile("Import run (\\S+) started\\.").matcher(imported.err());
        assertThat(started.find()).as(imported.err()).isTrue();
        String runId = started.group(1);
        int shards = jobs(app).size();
        assertThat(shards).isGreaterThan(2);

        Result usage = cli("resubmit", runId, "--journal-dir", journal.toString());
        assertThat(usage.exitCode()).as("--shard or --failed is required").isEqualTo(ExitCodes.USAGE);
        Result succeeded = cli("resubmit", runId, "--shard", "0", "--journal-dir", journal.toString());
        assertThat(succeeded.exitCode()).as(succeeded.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(succeeded.err()).contains("shard 0 of run " + runId, "succeeded");

        Result resubmitted = cli("resubmit", runId, "--failed", "--journal-dir", journal.toString(), "--json");
        assertThat(resubmitted.exitCode()).as(resubmitted.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = new ObjectMapper().readTree(resubmitted.out());
        assertThat(doc.get("runId").asText()).isEqualTo(runId);
        assertThat(doc.get("shards")).hasSize(1);
        JsonNode shard = doc.get("shards").get(0);
        assertThat(shard.get("shard").asInt()).isEqualTo(1);
        assertThat(shard.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(shard.get("s3Url").asText()).contains(runId + "/00001/");

        Result again = cli("resubmit", runId, "--failed", "--journal-dir", journal.toString());
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.err()).contains("nothing to resubmit");
        Result shardAgain = cli("resubmit", runId, "--shard", "1", "--journal-dir", journal.toString());
        assertThat(shardAgain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(shardAgain.err()).contains("its job " + shard.get("jobId").asText() + " succeeded");

        List<ImportJobResponse> jobs = jobs(app);
        assertThat(jobs)
                .as("one job per shard, and the new one for the failed shard")
                .hasSize(shards + 1);
        SoftAssertions soft = new SoftAssertions();
        for (EndpointDefinition d : input) {
            EndpointResponse e = pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                    .join()
                    .endpointResponse();
            soft.assertThat(e.channelTypeAsString()).as(d.id() + " ChannelType").isEqualTo(d.channelTypeAsString());
            soft.assertThat(e.address()).as(d.id() + " Address").isEqualTo(d.address());
            soft.assertThat(e.attributes()).as(d.id() + " Attributes").isEqualTo(d.attributes());
        }
        soft.assertThat(jobs.stream()
                        .filter(j -> "COMPLETED".equals(j.jobStatusAsString()))
                        .mapToLong(ImportJobResponse::totalProcessed)
                        .sum())
                .as("every record processed once by the jobs that completed")
                .isEqualTo(RECORDS);
        soft.assertAll();
    }

    @Test
    void jobWaitWatchesAJobByItsIdToItsEnd() throws IOException {
        String app = emulator.createApp("wait");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);
        Result imported = cli(
                "import",
                csv.toString(),
                "--app",
                app,
                "--role-arn",
                ROLE,
                "--bucket",
                BUCKET,
                "--region",
                "us-east-1",
                "--endpoint-url",
                emulator.endpoint().toString(),
                "--s3-endpoint-url",
                emulator.s3().endpoint().toString(),
                "--json");
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.OK);
        String jobId = new ObjectMapper()
                .readTree(imported.out())
                .get("jobs")
                .get(0)
                .get("jobId")
                .asText();

        Result waited = cli(
                "job",
                jobId,
                "--wait",
                "--app",
                app,
                "--region",
                "us-east-1",
                "--endpoint-url",
                emulator.endpoint().toString());
        assertThat(waited.exitCode()).as(waited.err()).isEqualTo(ExitCodes.OK);
        assertThat(waited.out()).contains(jobId, "COMPLETED");
        assertThat(waited.err()).contains("Waiting for import job " + jobId);

        Result unknown = cli(
                "job",
                "0123456789abcdef0123456789abcdef",
                "--wait",
                "--app",
                app,
                "--region",
                "us-east-1",
                "--endpoint-url",
                emulator.endpoint().toString());
        assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(ExitCodes.SERVICE_ERROR);
    }

    private Process startChild(List<String> args) throws IOException {
        return ChildJvm.start(
                PinpointImportCli.class,
                args,
                Map.of(
                        "AWS_ACCESS_KEY_ID", emulator.s3().accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY", emulator.s3().secretAccessKey(),
                        "AWS_REGION", "us-east-1"),
                dir.resolve("child.out"),
                dir.resolve("child.err"));
    }

    private void awaitArgumentsFile(Path journal) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
        while (!hasArgumentsFile(journal)) {
            assertThat(child.isAlive()).as("child alive; " + stderr()).isTrue();
            assertThat(System.nanoTime())
                    .as("the options saved in time; " + stderr())
                    .isLessThan(deadline);
            try {
                child.onExit().get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still running: look again
            }
        }
    }

    private static boolean hasArgumentsFile(Path journal) throws IOException {
        if (!Files.isDirectory(journal)) {
            return false;
        }
        try (var files = Files.list(journal)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".args.json"));
        }
    }

    private String stderr() throws IOException {
        Path err = dir.resolve("child.err");
        return Files.exists(err) ? Files.readString(err, UTF_8) : "";
    }

    private Path writeNdjson(List<EndpointDefinition> definitions, String name) throws IOException {
        Path target = dir.resolve(name);
        try (ShardWriter writer = ShardWriter.builder()
                .format(ImportFormat.JSON)
                .directory(Files.createDirectories(dir.resolve("writer")))
                .build()) {
            long index = 0;
            for (EndpointDefinition d : definitions) {
                assertThat(writer.write(index++, d)).as("fixture %s", d.id()).isEmpty();
            }
            Shard shard = writer.finish().orElseThrow();
            Files.copy(shard.file(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static List<ImportJobResponse> jobs(String app) {
        return ImportJobsListing.all(pinpoint, app);
    }
}
