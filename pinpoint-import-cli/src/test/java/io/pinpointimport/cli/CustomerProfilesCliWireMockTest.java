package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pinpointimport.SeedExamples;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.connect.ProfilesStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --target customer-profiles} and {@code validate --target customer-profiles} through the tool's own
 * entry point, against a scripted upload-job service (WireMock); the emulator's end-to-end tests live with it.
 */
class CustomerProfilesCliWireMockTest {
    final ProfilesStub stub = new ProfilesStub();

    @RegisterExtension
    final WireMockExtension wm = stub.extension();

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        stub.install(wm);
    }

    private List<String> importArgs(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                "--target",
                "customer-profiles",
                "--domain",
                ProfilesStub.DOMAIN,
                "--data-expiry-days",
                "365",
                "--endpoint-url",
                wm.baseUrl(),
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
        assertThat(stub.jobs()).singleElement().satisfies(j -> {
            assertThat(j.displayName).startsWith("pinpoint-import ").endsWith(" shard 00000");
            assertThat(j.upload.lines()).hasSize(4);
            assertThat(j.createBody).contains("\"DataExpiry\":365");
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
        assertThat(stub.ops()).isEmpty();
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
