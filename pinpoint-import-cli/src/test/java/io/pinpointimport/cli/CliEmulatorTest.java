package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;

/**
 * The tool end to end against the testkit's emulator and its S3, in process: import of CSV, NDJSON and standard
 * input, JSON output, the jobs listing, and a job the service fails.
 */
class CliEmulatorTest {
    private static final String BUCKET = "cli-imports";

    @RegisterExtension
    static final EmulatorCli CLI = new EmulatorCli(BUCKET, Pace.instant());

    @TempDir
    Path dir;

    static String[] plus(String[] args, String... more) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static List<EndpointResponse> userEndpoints(String appId, String userId) {
        return CLI.pinpoint()
                .getUserEndpoints(r -> r.applicationId(appId).userId(userId))
                .join()
                .endpointsResponse()
                .item();
    }

    @Test
    void importsCsvAndTheEndpointsAreInTheApplication() throws IOException {
        String app = CLI.emulator().createApp("csv");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);

        Result r = CLI.run(CLI.importArgs(app, csv.toString()));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains("records read      3", "rejected          0", "1 completed, 0 failed", "COMPLETED");
        assertThat(userEndpoints(app, "example-user-id-2"))
                .extracting(EndpointResponse::channelTypeAsString)
                .containsExactlyInAnyOrder("APNS", "EMAIL");
    }

    @Test
    void importsNdjsonInSeveralShardsWithJsonOutput() throws IOException {
        String app = CLI.emulator().createApp("ndjson");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lines.append("{\"ChannelType\":\"EMAIL\",\"Address\":\"user")
                    .append(i)
                    .append("@example.com\",\"Id\":\"e-")
                    .append(i)
                    .append("\",\"User\":{\"UserId\":\"u-")
                    .append(i)
                    .append("\"}}\n");
        }
        Path ndjson = Files.writeString(dir.resolve("users.ndjson"), lines, UTF_8);

        Result r = CLI.run(
                plus(CLI.importArgs(app, ndjson.toString()), "--max-shard-size", "1KB", "--max-jobs", "3", "--json"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = json(r.out());
        assertThat(doc.get("recordsRead").asLong()).isEqualTo(40);
        assertThat(doc.get("recordsSubmitted").asLong()).isEqualTo(40);
        assertThat(doc.get("shards").asInt()).isGreaterThan(1);
        assertThat(doc.get("jobs")).hasSize(doc.get("shards").asInt());
        assertThat(doc.get("serviceProcessed").asLong()).isEqualTo(40);
        for (JsonNode job : doc.get("jobs")) {
            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("s3Url").asText()).startsWith("s3://" + BUCKET + "/");
        }
        assertThat(CLI.pinpoint()
                        .getEndpoint(b -> b.applicationId(app).endpointId("e-39"))
                        .join()
                        .endpointResponse()
                        .channelTypeAsString())
                .isEqualTo("EMAIL");
    }

    @Test
    void importsStandardInput() {
        String app = CLI.emulator().createApp("stdin");

        Result r = CLI.run(
                new ByteArrayInputStream(SeedExamples.NDJSON.getBytes(UTF_8)),
                plus(CLI.importArgs(app, "-"), "--format", "json"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("records read      3");
        assertThat(userEndpoints(app, "example-user-id-1")).hasSize(1);
    }

    @Test
    void jobThatTheServiceFailsExitsWithJobFailed() throws IOException {
        String app = CLI.emulator().createApp("failing");
        CLI.emulator().faults().failNextJob("Piece 1 could not be read");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);

        Result r = CLI.run(plus(CLI.importArgs(app, csv.toString()), "--json"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        JsonNode doc = json(r.out());
        assertThat(doc.get("jobsFailed").asInt()).isEqualTo(1);
        assertThat(doc.get("jobs").get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(doc.get("jobs").get(0).get("failures").toString()).contains("Piece 1 could not be read");
        assertThat(r.err()).contains("ended FAILED");

        String jobId = doc.get("jobs").get(0).get("jobId").asText();
        Result job = CLI.run(CLI.jobArgs(app, jobId));
        assertThat(job.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(job.out()).contains("FAILED", "Piece 1 could not be read");
    }

    @Test
    void jobsListsTheApplicationsJobsPageByPage() throws IOException {
        String app = CLI.emulator().createApp("listing");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);
        assertThat(CLI.run(CLI.importArgs(app, csv.toString())).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(CLI.run(CLI.importArgs(app, csv.toString())).exitCode()).isEqualTo(ExitCodes.OK);
        String[] jobs = {
            "jobs",
            "--app",
            app,
            "--region",
            "us-east-1",
            "--endpoint-url",
            CLI.emulator().endpoint().toString()
        };

        Result firstPage = CLI.run(plus(jobs, "--page-size", "1", "--json"));
        assertThat(firstPage.exitCode()).as(firstPage.err()).isEqualTo(ExitCodes.OK);
        JsonNode page = json(firstPage.out());
        assertThat(page.get("jobs")).hasSize(1);
        assertThat(page.get("nextToken").asText()).isNotEmpty();

        Result all = CLI.run(plus(jobs, "--page-size", "1", "--all"));
        assertThat(all.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(all.out().lines().filter(l -> l.contains("COMPLETED"))).hasSize(2);
        assertThat(all.out()).doesNotContain("--token");
    }

    @Test
    void validateThenImportTheSameFileAgree() throws IOException {
        String app = CLI.emulator().createApp("agree");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);

        JsonNode plan = json(CLI.run("validate", csv.toString(), "--json").out());
        JsonNode run = json(
                CLI.run(plus(CLI.importArgs(app, csv.toString()), "--json")).out());

        assertThat(run.get("shards").asInt()).isEqualTo(plan.get("shards").size());
        assertThat(run.get("recordsSubmitted").asLong())
                .isEqualTo(plan.get("recordsValid").asLong());
    }
}
