package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobResponse;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobItem;

/**
 * {@code import --target customer-profiles} and {@code validate --target customer-profiles} through the tool's own
 * entry point, against the Customer Profiles emulator (which reads the uploaded file with its own parser).
 */
class CustomerProfilesCliEmulatorTest {
    private static final String DOMAIN = "test-domain";

    static CustomerProfilesEmulator emulator;
    static CustomerProfilesAsyncClient inspect;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = CustomerProfilesEmulator.builder().domain(DOMAIN).start();
        inspect = CustomerProfilesAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterAll
    static void stop() {
        inspect.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private List<UploadJobItem> jobs() {
        return inspect.listUploadJobs(r -> r.domainName(DOMAIN)).join().items();
    }

    private List<String> importArgs(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                "--target",
                "customer-profiles",
                "--domain",
                DOMAIN,
                "--data-expiry-days",
                "365",
                "--endpoint-url",
                emulator.endpoint().toString(),
                "--region",
                "us-east-1",
                "--store-dir",
                dir.resolve("store").toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void importsTheSeedIntoADomainWithoutABucket() throws IOException {
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);

        Result r = CliRunner.run(importArgs(csv.toString(), "--json").toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = json(r.out());
        assertThat(doc.get("recordsRead").asLong()).isEqualTo(3);
        assertThat(doc.get("recordsRejected").asLong()).isZero();
        assertThat(doc.get("jobs")).hasSize(1);
        assertThat(doc.get("jobs").get(0).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(jobs()).singleElement().satisfies(j -> {
            assertThat(j.displayName()).startsWith("pinpoint-import ").endsWith(" shard 00000");
            assertThat(j.dataExpiry()).isEqualTo(365);
            GetUploadJobResponse job = inspect.getUploadJob(
                            q -> q.domainName(DOMAIN).jobId(j.jobId()))
                    .join();
            // the service read the three rows of two users
            assertThat(job.resultsSummary().createdRecords()).isEqualTo(2);
            assertThat(job.resultsSummary().updatedRecords()).isEqualTo(1);
            assertThat(job.resultsSummary().failedRecords()).isZero();
        });
        // the input is never written to, and the shard kept for the upload is gone once the run ended
        assertThat(Files.readString(csv, UTF_8)).isEqualTo(SeedExamples.CSV);
        try (Stream<Path> left = Files.walk(dir.resolve("store"))) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void theTargetsOptionsAreCheckedAsUsageErrors() throws IOException {
        Path csv = Files.writeString(dir.resolve("seed.csv"), SeedExamples.CSV, UTF_8);
        String file = csv.toString();

        Result noDomain = CliRunner.run("import", "--target", "customer-profiles", "--data-expiry-days", "30", file);
        assertThat(noDomain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDomain.err()).contains("--domain");

        Result noExpiry = CliRunner.run("import", "--target", "customer-profiles", "--domain", "d", file);
        assertThat(noExpiry.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noExpiry.err()).contains("--data-expiry-days");

        Result expiryTooLong = CliRunner.run(
                "import", "--target", "customer-profiles", "--domain", "d", "--data-expiry-days", "1099", file);
        assertThat(expiryTooLong.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(expiryTooLong.err()).contains("--data-expiry-days must be from 1 to 1098");

        Result pinpointOption = CliRunner.run(
                "import",
                "--target",
                "customer-profiles",
                "--domain",
                "d",
                "--data-expiry-days",
                "30",
                "--bucket",
                "b",
                file);
        assertThat(pinpointOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(pinpointOption.err()).contains("--bucket applies to --target pinpoint only");

        Result profilesOption =
                CliRunner.run("import", "--app", "a", "--role-arn", "r", "--bucket", "b", "--domain", "d", file);
        assertThat(profilesOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(profilesOption.err()).contains("--domain applies to --target customer-profiles only");

        Result pinpointWithoutApp = CliRunner.run("import", "--role-arn", "r", "--bucket", "b", file);
        assertThat(pinpointWithoutApp.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(pinpointWithoutApp.err()).contains("--app");

        Result unknownTarget = CliRunner.run("import", "--target", "mailchimp", file);
        assertThat(unknownTarget.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownTarget.err()).contains("pinpoint or customer-profiles");
        assertThat(jobs()).isEmpty();
    }

    @Test
    void validateTellsTheTruthForTheChosenTarget() throws IOException {
        String longUser = "u".repeat(300);
        Path csv = Files.writeString(
                dir.resolve("long.csv"),
                "ChannelType,Address,User.UserId\n" + "EMAIL,a@example.com," + longUser
                        + "\nEMAIL,b@example.com,short-user\n",
                UTF_8);

        Result pinpoint = CliRunner.run("validate", csv.toString());
        assertThat(pinpoint.exitCode()).as(pinpoint.err()).isEqualTo(ExitCodes.OK);

        Result profiles = CliRunner.run("validate", "--target", "customer-profiles", csv.toString(), "--json");
        assertThat(profiles.exitCode()).isEqualTo(ExitCodes.REJECTIONS);
        JsonNode doc = json(profiles.out());
        assertThat(doc.get("target").asText()).isEqualTo("customer-profiles");
        assertThat(doc.get("recordsRejected").asLong()).isEqualTo(1);
        JsonNode first = doc.get("firstRejections").get(0);
        assertThat(first.toString())
                .contains("target.value-too-long")
                .contains("line")
                .doesNotContain(longUser);
    }
}
