package io.pinpointimport.cli;

import static io.pinpointimport.cli.EmulatorCli.ROLE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;

/**
 * Issue 18 on the command line: {@code import --journal-dir} killed for real (SIGKILL of a child JVM) right after
 * the service recorded a job whose answer the child never got, then {@code runs} and {@code resume RUN_ID}; and
 * {@code job ID --wait}.
 */
class CliJournalEmulatorTest {
    private static final String BUCKET = "cli-journal";
    /** 300 NDJSON records at 30,000 bytes a shard: six shards, one job at a time (--max-jobs 1). */
    private static final int RECORDS = 300;

    @RegisterExtension
    static final EmulatorCli CLI = new EmulatorCli(BUCKET, Pace.instant());

    @TempDir
    Path dir;

    private ChildJvm child;

    @AfterEach
    void killLeftovers() throws Exception {
        if (child != null) {
            child.close();
        }
    }

    private static String[] importArgs(String app, Path file, Path journal) {
        return CLI.importArgs(
                app,
                file.toString(),
                "--prefix",
                "journal/",
                "--max-shard-size",
                "30000",
                "--max-jobs",
                "1",
                "--journal-dir",
                journal.toString());
    }

    @Test
    void importKilledRightAfterACreateIsResumedWithEveryRecordImportedOnceAndOneJobPerShard() throws Exception {
        String app = CLI.emulator().createApp("kill");
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(18).ids(true).build().list(RECORDS);
        Path file = writeNdjson(input, "input.json");
        Path journal = dir.resolve("journal");

        // the service records the first job, the child never hears of it; --max-jobs 1 holds every other job back
        CompletableFuture<String> recorded = CLI.emulator().faults().holdNextCreateAfterRecording();
        child = ChildJvm.start(
                PinpointImportCli.class, List.of(importArgs(app, file, journal)), CLI.childEnvironment(), dir, "child");
        String heldJob = child.awaitOrExit(recorded, "a create recorded");
        // the child saves its options right after the run starts, on its main thread: wait for that, then kill
        child.await("the options saved", () -> hasArgumentsFile(journal));
        assertThat(child.kill()).as("killed").isNotZero();
        CLI.emulator().faults().clear();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)))
                .as("the journal directory is created owner-only")
                .isEqualTo("rwx------");

        Result runs = CLI.run("runs", "--journal-dir", journal.toString(), "--json");
        assertThat(runs.exitCode()).as(runs.err()).isEqualTo(ExitCodes.OK);
        JsonNode listed = new ObjectMapper().readTree(runs.out()).get("runs");
        assertThat(listed).as(runs.out()).hasSize(1);
        assertThat(listed.get(0).get("unfinished").asBoolean()).isTrue();
        assertThat(listed.get(0).get("resumable").asBoolean()).isTrue();
        String runId = listed.get(0).get("runId").asText();
        assertThat(child.stderr()).contains("Import run " + runId + " started.");

        // the killed run's report says what it did so far, and that it has not ended
        Result killedReport = CLI.run("report", runId, "--journal-dir", journal.toString(), "--json");
        assertThat(killedReport.exitCode()).as(killedReport.err()).isEqualTo(ExitCodes.OK);
        JsonNode soFar = new ObjectMapper().readTree(killedReport.out());
        assertThat(soFar.get("runEnded").asBoolean()).isFalse();
        assertThat(soFar.get("total").asLong()).isBetween(0L, (long) RECORDS);

        Result resumed = CLI.run("resume", runId, "--journal-dir", journal.toString());
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(ExitCodes.OK);
        assertThat(resumed.out()).contains("records read      " + RECORDS);

        List<ImportJobResponse> jobs = CLI.jobs(app);
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
        CLI.assertLanded(soft, app, input);
        // the resumed run continued the report: every record once, every one imported
        Result report = CLI.run("report", runId, "--journal-dir", journal.toString(), "--json");
        JsonNode counts = new ObjectMapper().readTree(report.out());
        soft.assertThat(counts.get("runEnded").asBoolean()).isTrue();
        soft.assertThat(counts.get("total").asLong()).isEqualTo(RECORDS);
        soft.assertThat(counts.get("counts").get("IMPORTED").asLong()).isEqualTo(RECORDS);
        soft.assertAll();

        Result after = CLI.run("runs", "--journal-dir", journal.toString(), "--json");
        assertThat(new ObjectMapper()
                        .readTree(after.out())
                        .get("runs")
                        .get(0)
                        .get("unfinished")
                        .asBoolean())
                .as("the resumed run is finished")
                .isFalse();
        Result again = CLI.run("resume", "run-nope", "--journal-dir", journal.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("no run run-nope");
    }

    @Test
    void resubmitGivesTheShardWhoseRoleWasDeniedANewJobOnceAndRefusesTheRest() throws Exception {
        String app = CLI.emulator().createApp("resubmit");
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(19).ids(true).build().list(RECORDS);
        Path file = writeNdjson(input, "resubmit.json");
        Path journal = dir.resolve("journal");
        CLI.emulator().faults().denyRole(ROLE, "/00001/");

        Result imported = CLI.run(importArgs(app, file, journal));
        CLI.emulator().faults().clear();
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.JOB_FAILED);
        Matcher started = Pattern.compile("Import run (\\S+) started\\.").matcher(imported.err());
        assertThat(started.find()).as(imported.err()).isTrue();
        String runId = started.group(1);
        int shards = CLI.jobs(app).size();
        assertThat(shards).isGreaterThan(2);

        Result usage = CLI.run("resubmit", runId, "--journal-dir", journal.toString());
        assertThat(usage.exitCode()).as("--shard or --failed is required").isEqualTo(ExitCodes.USAGE);
        Result succeeded = CLI.run("resubmit", runId, "--shard", "0", "--journal-dir", journal.toString());
        assertThat(succeeded.exitCode()).as(succeeded.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(succeeded.err()).contains("shard 0 of run " + runId, "succeeded");

        Result resubmitted = CLI.run("resubmit", runId, "--failed", "--journal-dir", journal.toString(), "--json");
        assertThat(resubmitted.exitCode()).as(resubmitted.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = new ObjectMapper().readTree(resubmitted.out());
        assertThat(doc.get("runId").asText()).isEqualTo(runId);
        assertThat(doc.get("shards")).hasSize(1);
        JsonNode shard = doc.get("shards").get(0);
        assertThat(shard.get("shard").asInt()).isEqualTo(1);
        assertThat(shard.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(shard.get("s3Url").asText()).contains(runId + "/00001/");

        Result again = CLI.run("resubmit", runId, "--failed", "--journal-dir", journal.toString());
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.err()).contains("nothing to resubmit");
        Result shardAgain = CLI.run("resubmit", runId, "--shard", "1", "--journal-dir", journal.toString());
        assertThat(shardAgain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(shardAgain.err()).contains("its job " + shard.get("jobId").asText() + " succeeded");

        List<ImportJobResponse> jobs = CLI.jobs(app);
        assertThat(jobs)
                .as("one job per shard, and the new one for the failed shard")
                .hasSize(shards + 1);
        SoftAssertions soft = new SoftAssertions();
        CLI.assertLanded(soft, app, input);
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
        String app = CLI.emulator().createApp("wait");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);
        Result imported = CLI.run(CLI.importArgs(app, csv.toString(), "--json"));
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.OK);
        String jobId = new ObjectMapper()
                .readTree(imported.out())
                .get("jobs")
                .get(0)
                .get("jobId")
                .asText();

        Result waited = CLI.run(CLI.jobArgs(app, jobId, "--wait"));
        assertThat(waited.exitCode()).as(waited.err()).isEqualTo(ExitCodes.OK);
        assertThat(waited.out()).contains(jobId, "COMPLETED");
        assertThat(waited.err()).contains("Waiting for import job " + jobId);

        Result unknown = CLI.run(CLI.jobArgs(app, "0123456789abcdef0123456789abcdef", "--wait"));
        assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(ExitCodes.SERVICE_ERROR);
    }

    private static boolean hasArgumentsFile(Path journal) {
        if (!Files.isDirectory(journal)) {
            return false;
        }
        try (var files = Files.list(journal)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".args.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
