package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;

/**
 * The tool end to end against the testkit's emulator and its S3, in process: import of CSV, NDJSON and standard
 * input, JSON output, the jobs listing, and a job the service fails.
 */
class CliEmulatorTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    static final String BUCKET = "cli-imports";

    private static PinpointEmulator emulator;
    private static PinpointAsyncClient pinpoint;

    @TempDir
    Path dir;

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

    static Result cli(InputStream stdin, String... args) {
        return CliRunner.run(stdin, b -> b.credentialsProvider(emulator.s3().credentialsProvider()), args);
    }

    static Result cli(String... args) {
        return cli(new ByteArrayInputStream(new byte[0]), args);
    }

    static String[] importArgs(String appId, String... files) {
        List<String> a = new ArrayList<>(List.of("import"));
        a.addAll(List.of(files));
        a.addAll(List.of(
                "--app",
                appId,
                "--role-arn",
                ROLE,
                "--bucket",
                BUCKET,
                "--region",
                "us-east-1",
                "--endpoint-url",
                emulator.endpoint().toString(),
                "--s3-endpoint-url",
                emulator.s3().endpoint().toString()));
        return a.toArray(String[]::new);
    }

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
        return pinpoint.getUserEndpoints(r -> r.applicationId(appId).userId(userId))
                .join()
                .endpointsResponse()
                .item();
    }

    @Test
    void importsCsvAndTheEndpointsAreInTheApplication() throws IOException {
        String app = emulator.createApp("csv");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);

        Result r = cli(importArgs(app, csv.toString()));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains("records read      3", "rejected          0", "1 completed, 0 failed", "COMPLETED");
        assertThat(userEndpoints(app, "example-user-id-2"))
                .extracting(EndpointResponse::channelTypeAsString)
                .containsExactlyInAnyOrder("APNS", "EMAIL");
    }

    @Test
    void importsNdjsonInSeveralShardsWithJsonOutput() throws IOException {
        String app = emulator.createApp("ndjson");
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

        Result r =
                cli(plus(importArgs(app, ndjson.toString()), "--max-shard-size", "1KB", "--max-jobs", "3", "--json"));

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
        assertThat(pinpoint.getEndpoint(b -> b.applicationId(app).endpointId("e-39"))
                        .join()
                        .endpointResponse()
                        .channelTypeAsString())
                .isEqualTo("EMAIL");
    }

    @Test
    void importsStandardInput() {
        String app = emulator.createApp("stdin");

        Result r = cli(
                new ByteArrayInputStream(SeedExamples.NDJSON.getBytes(UTF_8)),
                plus(importArgs(app, "-"), "--format", "json"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("records read      3");
        assertThat(userEndpoints(app, "example-user-id-1")).hasSize(1);
    }

    @Test
    void jobThatTheServiceFailsExitsWithJobFailed() throws IOException {
        String app = emulator.createApp("failing");
        emulator.faults().failNextJob("Piece 1 could not be read");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);

        Result r = cli(plus(importArgs(app, csv.toString()), "--json"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        JsonNode doc = json(r.out());
        assertThat(doc.get("jobsFailed").asInt()).isEqualTo(1);
        assertThat(doc.get("jobs").get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(doc.get("jobs").get(0).get("failures").toString()).contains("Piece 1 could not be read");
        assertThat(r.err()).contains("ended FAILED");

        String jobId = doc.get("jobs").get(0).get("jobId").asText();
        Result job = cli(
                "job",
                jobId,
                "--app",
                app,
                "--region",
                "us-east-1",
                "--endpoint-url",
                emulator.endpoint().toString());
        assertThat(job.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(job.out()).contains("FAILED", "Piece 1 could not be read");
    }

    @Test
    void jobsListsTheApplicationsJobsPageByPage() throws IOException {
        String app = emulator.createApp("listing");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);
        assertThat(cli(importArgs(app, csv.toString())).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(cli(importArgs(app, csv.toString())).exitCode()).isEqualTo(ExitCodes.OK);
        String[] jobs = {
            "jobs",
            "--app",
            app,
            "--region",
            "us-east-1",
            "--endpoint-url",
            emulator.endpoint().toString()
        };

        Result firstPage = cli(plus(jobs, "--page-size", "1", "--json"));
        assertThat(firstPage.exitCode()).as(firstPage.err()).isEqualTo(ExitCodes.OK);
        JsonNode page = json(firstPage.out());
        assertThat(page.get("jobs")).hasSize(1);
        assertThat(page.get("nextToken").asText()).isNotEmpty();

        Result all = cli(plus(jobs, "--page-size", "1", "--all"));
        assertThat(all.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(all.out().lines().filter(l -> l.contains("COMPLETED"))).hasSize(2);
        assertThat(all.out()).doesNotContain("--token");
    }

    @Test
    void validateThenImportTheSameFileAgree() throws IOException {
        String app = emulator.createApp("agree");
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);

        JsonNode plan = json(cli("validate", csv.toString(), "--json").out());
        JsonNode run = json(cli(plus(importArgs(app, csv.toString()), "--json")).out());

        assertThat(run.get("shards").asInt()).isEqualTo(plan.get("shards").size());
        assertThat(run.get("recordsSubmitted").asLong())
                .isEqualTo(plan.get("recordsValid").asLong());
    }
}
