package io.pinpointimport.cli.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.cli.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate}: counts, rejections with positions, the rejects file, the shard plan and the exit codes. */
class ValidateCommandTest {
    static final String SEED_CSV = """
            ChannelType,Address,Location.Country,Demographic.Platform,Demographic.Make,User.UserId
            SMS,2065550182,CAN,Android,LG,example-user-id-1
            APNS,1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f,USA,iOS,Apple,example-user-id-2
            EMAIL,john.stiles@example.com,USA,iOS,Apple,example-user-id-2
            """;
    static final String SEED_NDJSON = """
            {"ChannelType":"SMS","Address":"2065550182","Location":{"Country":"CAN"},"User":{"UserId":"u-1"}}
            {"ChannelType":"EMAIL","Address":"john.stiles@example.com","User":{"UserId":"u-2"}}
            """;
    /** Two bad records (a secret-looking bad phone number, an unknown channel) and one unreadable line. */
    static final String BAD_CSV = """
            ChannelType,Address,Location.Country,User.UserId
            SMS,secret-not-a-phone,CAN,u-1
            FAX,12065550100,USA,u-2
            EMAIL,ok@example.com,USA,u-3
            EMAIL,"never closed
            """;

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, UTF_8);
    }

    @Test
    void cleanFilePrintsCountsAndShardPlanAndExitsZero() throws IOException {
        Result r = CliRunner.run("validate", file("seed.csv", SEED_CSV).toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains("Read 3 records from 1 input: 3 valid, 0 rejected")
                .contains("Shard plan: 1 CSV shard")
                .contains("Dry run: nothing was uploaded");
    }

    @Test
    void badRecordsGoToTheRejectsFileWithPositionsAndWithoutValues() throws IOException {
        Path rejects = dir.resolve("rejects.ndjson");
        Result r = CliRunner.run("validate", file("bad.csv", BAD_CSV).toString(), "--rejects", rejects.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.REJECTIONS);
        assertThat(r.err()).contains("3 records were rejected", "--max-rejections 0");
        List<JsonNode> lines = Files.readAllLines(rejects).stream()
                .map(ValidateCommandTest::parse)
                .toList();
        assertThat(lines)
                .extracting(n -> n.get("rule").asText())
                .containsExactly("address.phone-format", "channel-type.unknown", "input.malformed");
        assertThat(lines).extracting(n -> n.get("line").asInt()).containsExactly(2, 3, 5);
        assertThat(lines).extracting(n -> n.get("record").asInt()).containsExactly(0, 1, 3);
        assertThat(lines.get(0).get("source").asText()).isEqualTo("bad.csv");
        assertThat(lines.get(0).get("field").asText()).isEqualTo("Address");
        assertThat(Files.readString(rejects) + r.out() + r.err())
                .doesNotContain("secret-not-a-phone")
                .doesNotContain("FAX");
        assertThat(r.out()).contains("bad.csv line 2", "[address.phone-format]", "All rejections are in");
    }

    @Test
    void rejectionsWithinTheLimitExitZero() throws IOException {
        Result r = CliRunner.run("validate", file("bad.csv", BAD_CSV).toString(), "--max-rejections", "3");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("1 valid, 3 rejected");
    }

    @Test
    void jsonReportIsTheOnlyOutputAndCarriesThePlan() throws IOException {
        Result r = CliRunner.run(
                "validate",
                file("seed.csv", SEED_CSV).toString(),
                file("more.ndjson", SEED_NDJSON).toString(),
                file("bad.csv", BAD_CSV).toString(),
                "--max-shard-size",
                "200",
                "--max-rejections",
                "10",
                "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = parse(r.out());
        assertThat(doc.get("format").asText()).isEqualTo("CSV");
        assertThat(doc.get("recordsRead").asLong()).isEqualTo(9);
        assertThat(doc.get("recordsRejected").asLong()).isEqualTo(3);
        assertThat(doc.get("withinLimit").asBoolean()).isTrue();
        assertThat(doc.get("firstRejections")).hasSize(3);
        assertThat(doc.get("firstRejections").get(0).get("record").asLong()).isEqualTo(5);
        JsonNode shards = doc.get("shards");
        assertThat(shards.size()).isGreaterThan(1);
        long planned = 0;
        for (JsonNode s : shards) {
            assertThat(s.get("bytes").asLong()).isLessThanOrEqualTo(200);
            planned += s.get("records").asLong();
        }
        assertThat(planned).isEqualTo(6);
    }

    @Test
    void standardInputNeedsAFormatAndIsReadWithOne() {
        Result noFormat = CliRunner.run("validate", "-");
        assertThat(noFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFormat.err()).contains("--format");

        Result r = CliRunner.run(
                new ByteArrayInputStream(SEED_NDJSON.getBytes(UTF_8)), b -> {}, "validate", "--format", "json", "-");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Read 2 records", "1 JSON shard");
    }

    @Test
    void missingFileAndUnknownExtensionAreUsageErrors() throws IOException {
        Result missing = CliRunner.run("validate", dir.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no such file");

        Result unknown = CliRunner.run("validate", file("users.txt", SEED_CSV).toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("--format csv");

        Result badSize = CliRunner.run("validate", file("seed.csv", SEED_CSV).toString(), "--max-shard-size", "1XB");
        assertThat(badSize.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badSize.err()).contains("not a size");
    }

    static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
