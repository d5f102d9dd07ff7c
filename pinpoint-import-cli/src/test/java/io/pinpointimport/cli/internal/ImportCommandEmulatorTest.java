package io.pinpointimport.cli.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.emulator.pinpoint.ServedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code import} against the Pinpoint emulator and its in-process S3: the job options on the wire, the summary,
 * and the exit codes of a failed job, of a refused job and of rejections past the limit.
 */
class ImportCommandEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static LocalS3 s3;
    private static PinpointEmulator emulator;
    private String app;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        // Credentials test/test, as CliRunner sends.
        s3 = LocalS3.builder().accessKeyId("test").secretAccessKey("test").start();
        s3.createBucket("imports");
        emulator = PinpointEmulator.builder().s3(s3).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
        s3.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
        app = emulator.createApp("cli");
    }

    private static List<ServedRequest> creates() {
        return emulator.requests().stream()
                .filter(r -> r.operation() == Operation.CREATE_IMPORT_JOB)
                .toList();
    }

    private String[] args(Path file, String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "import",
                file.toString(),
                "--app",
                app,
                "--role-arn",
                ROLE,
                "--bucket",
                "imports",
                "--prefix",
                "cli/",
                "--region",
                "us-east-1",
                "--endpoint-url",
                emulator.endpoint().toString(),
                "--s3-endpoint-url",
                s3.endpoint().toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void completedJobPrintsTheSummaryAndSendsTheJobOptions() throws IOException {
        Path csv = Files.writeString(dir.resolve("seed.csv"), ValidateCommandTest.SEED_CSV, UTF_8);

        Result r = CliRunner.run(args(csv, "--define-segment", "Imported", "--no-register-endpoints", "--json"));
        ServedRequest create = creates().get(0);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = ValidateCommandTest.parse(r.out());
        assertThat(doc.get("recordsRead").asLong()).isEqualTo(3);
        assertThat(doc.get("recordsSubmitted").asLong()).isEqualTo(3);
        assertThat(doc.get("jobsCompleted").asInt()).isEqualTo(1);
        assertThat(doc.get("jobs").get(0).get("jobId").asText()).isEqualTo(create.jobId());
        assertThat(doc.get("jobs").get(0).get("s3Url").asText()).startsWith("s3://imports/cli/");
        assertThat(creates()).hasSize(1);
        JsonNode sent = new ObjectMapper().readTree(create.body());
        assertThat(sent.path("Format").asText()).isEqualTo("CSV");
        assertThat(sent.path("RegisterEndpoints").isBoolean()).isTrue();
        assertThat(sent.path("RegisterEndpoints").asBoolean()).isFalse();
        assertThat(sent.path("DefineSegment").asBoolean()).isTrue();
        assertThat(sent.path("SegmentName").asText()).isEqualTo("Imported");
        try (S3Client client = s3.newClient()) {
            assertThat(client.listObjectsV2(l -> l.bucket("imports").prefix("cli/"))
                            .contents())
                    .extracting(S3Object::key)
                    .anyMatch(k -> k.endsWith(".csv"));
        }
    }

    @Test
    void failedJobExitsWithJobFailedAndShowsTheServiceFailures() throws IOException {
        emulator.faults().failNextJob("Failed to parse line 2: column count");
        Path csv = Files.writeString(dir.resolve("seed.csv"), ValidateCommandTest.SEED_CSV, UTF_8);

        Result r = CliRunner.run(args(csv));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(r.out()).contains(creates().get(0).jobId(), "FAILED", "Failed to parse line 2: column count");
        assertThat(r.err()).contains("ended FAILED");
    }

    @Test
    void rejectionsPastTheLimitStopBeforeAnyJob() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), ValidateCommandTest.BAD_CSV, UTF_8);
        Path rejects = dir.resolve("rejects.ndjson");

        Result r = CliRunner.run(args(csv, "--max-rejections", "1", "--rejects", rejects.toString()));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.REJECTIONS);
        assertThat(r.err()).contains("nothing was imported");
        assertThat(Files.readAllLines(rejects))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(l -> assertThat(l).doesNotContain("secret-not-a-phone"));
        assertThat(creates()).isEmpty();
    }

    @Test
    void everyRejectionWithinTheLimitReachesTheReportAndTheRejectsFile() throws IOException {
        StringBuilder text = new StringBuilder("ChannelType,Address,Location.Country,User.UserId\n");
        int bad = Rejections.SHOWN + 5;
        for (int i = 0; i < bad; i++) {
            text.append("FAX,1206555")
                    .append(1000 + i)
                    .append(",USA,u-")
                    .append(i)
                    .append('\n');
        }
        text.append("EMAIL,a@example.com,USA,v-1\nEMAIL,b@example.com,USA,v-2\nEMAIL,c@example.com,USA,v-3\n");
        Path csv = Files.writeString(dir.resolve("some-bad.csv"), text, UTF_8);
        Path rejects = dir.resolve("all-rejects.ndjson");

        Result r = CliRunner.run(args(csv, "--max-rejections", "100", "--rejects", rejects.toString(), "--json"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = ValidateCommandTest.parse(r.out());
        assertThat(doc.get("recordsRejected").asLong()).isEqualTo(bad);
        assertThat(doc.get("recordsSubmitted").asLong()).isEqualTo(3);
        assertThat(doc.get("firstRejections")).hasSize(Rejections.SHOWN);
        assertThat(doc.get("firstRejections").get(0).get("record").asLong()).isZero();
        assertThat(Files.readAllLines(rejects)).hasSize(bad);
    }

    @Test
    void serviceRefusingTheJobIsAServiceError() throws IOException {
        emulator.faults().failNext(Operation.CREATE_IMPORT_JOB, 3, ModelledError.FORBIDDEN);
        Path csv = Files.writeString(dir.resolve("seed.csv"), ValidateCommandTest.SEED_CSV, UTF_8);

        Result r = CliRunner.run(args(csv));

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(r.err()).doesNotContain("test-secret");
        assertThat(creates()).first().satisfies(c -> assertThat(c.httpStatus()).isEqualTo(403));
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        Result r = CliRunner.run("import", "x.csv", "--app", "app1");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--bucket", "--role-arn");
    }
}
