package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.Pace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;

/**
 * Issue 14 through the CLI's own entry point against the emulator: files the readers used to misread (CR-only line
 * ends, short rows, no header), a member the import does not take, and rule rejections that must keep their file
 * and line in the output and the rejects file.
 */
class InputEdgesCliEmulatorTest {
    private static final String BUCKET = "cli-edges";

    @RegisterExtension
    static final EmulatorCli CLI = new EmulatorCli(BUCKET, Pace.instant());

    @TempDir
    Path dir;

    private static Result importFile(String appId, Path file, String... more) {
        List<String> a = new ArrayList<>(List.of(file.toString(), "--max-rejections", "100"));
        a.addAll(List.of(more));
        return CLI.run(CLI.importArgs(appId, a.toArray(String[]::new)));
    }

    private static EndpointResponse endpoint(String appId, String id) {
        return CLI.pinpoint()
                .getEndpoint(r -> r.applicationId(appId).endpointId(id))
                .join()
                .endpointResponse();
    }

    private static boolean exists(String appId, String id) {
        try {
            endpoint(appId, id);
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, UTF_8)) {
            out.add(mapper.readTree(line));
        }
        return out;
    }

    @Test
    void aCrOnlyFileIsReadRecordByRecord() throws IOException {
        String app = CLI.emulator().createApp("cr-only");
        Path csv = Files.writeString(
                dir.resolve("old-export.csv"),
                "Id,ChannelType,Address\rcr-1,EMAIL,one@example.com\rcr-2,EMAIL,two@example.com\r"
                        + "cr-3,EMAIL,three@example.com\r",
                UTF_8);

        Result r = importFile(app, csv, "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("recordsRead").asLong()).isEqualTo(3);
        assertThat(doc.get("recordsSubmitted").asLong()).isEqualTo(3);
        assertThat(endpoint(app, "cr-3").address()).isEqualTo("three@example.com");
    }

    @Test
    void anEmptyOrHeaderOnlyFileImportsNothingAndSaysSo() throws IOException {
        String app = CLI.emulator().createApp("empty");
        Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
        Path headerOnly = Files.writeString(dir.resolve("header-only.csv"), "Id,ChannelType,Address\r\n", UTF_8);
        for (Path file : List.of(empty, headerOnly)) {
            Result r = importFile(app, file);

            // nothing failed, so the exit code stays OK, but the operator is told that nothing was there
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).contains("records read      0");
            assertThat(r.err()).as(file.getFileName().toString()).contains("the input held no records");
        }
        assertThat(CLI.pinpoint()
                        .getImportJobs(q -> q.applicationId(app))
                        .join()
                        .importJobsResponse()
                        .item())
                .isEmpty();
    }

    @Test
    void aShortRowIsRejectedWithItsLineAndNotImportedWithShiftedValues() throws IOException {
        String app = CLI.emulator().createApp("short-row");
        Path csv = Files.writeString(
                dir.resolve("short.csv"),
                "Id,ChannelType,Address,User.UserId,Attributes.tier\n"
                        + "full-1,EMAIL,full1@example.com,user-1,silver\n"
                        + "short-1,EMAIL,short1@example.com,gold\n",
                UTF_8);
        Path rejects = dir.resolve("short-rejects.ndjson");

        Result r = importFile(app, csv, "--rejects", rejects.toString());

        assertThat(r.out()).contains("records read      2", "rejected          1");
        assertThat(exists(app, "short-1"))
                .as("the short row must not be imported")
                .isFalse();
        assertThat(endpoint(app, "full-1").user().userId()).isEqualTo("user-1");
        assertThat(lines(rejects)).singleElement().satisfies(j -> {
            assertThat(j.get("rule").asText()).isEqualTo("input.malformed");
            assertThat(j.get("source").asText()).isEqualTo("short.csv");
            assertThat(j.get("line").asLong()).isEqualTo(3);
        });
    }

    @Test
    void endpointStatusIsRefusedLocallyAndDoesNotFailTheOtherRowsInTheService() throws IOException {
        String app = CLI.emulator().createApp("status");
        Path csv = Files.writeString(
                dir.resolve("status.csv"),
                "Id,ChannelType,Address,EndpointStatus\n"
                        + "st-1,EMAIL,one@example.com,\n"
                        + "st-2,EMAIL,two@example.com,INACTIVE\n"
                        + "st-3,EMAIL,three@example.com,\n",
                UTF_8);
        Path rejects = dir.resolve("status-rejects.ndjson");

        Result r = importFile(app, csv, "--rejects", rejects.toString(), "--json");

        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("recordsRejected").asLong()).isEqualTo(1);
        assertThat(doc.get("recordsSubmitted").asLong()).isEqualTo(2);
        assertThat(doc.get("serviceFailed").asLong())
                .as("the service fails no row")
                .isZero();
        assertThat(exists(app, "st-1")).isTrue();
        assertThat(exists(app, "st-3")).isTrue();
        assertThat(lines(rejects)).singleElement().satisfies(j -> {
            assertThat(j.get("rule").asText()).isEqualTo("member.unsupported");
            assertThat(j.get("field").asText()).isEqualTo("EndpointStatus");
            assertThat(j.get("source").asText()).isEqualTo("status.csv");
            assertThat(j.get("line").asLong()).isEqualTo(3);
        });
    }

    @Test
    void ruleRejectionsKeepTheirFileAndLineInTheOutputAndTheRejectsFile() throws IOException {
        String app = CLI.emulator().createApp("rules");
        Path ndjson = Files.writeString(
                dir.resolve("rules.ndjson"),
                "{\"Id\":\"ok-1\",\"ChannelType\":\"EMAIL\",\"Address\":\"one@example.com\"}\n"
                        + "\n"
                        + "{\"Id\":\"bad-1\",\"ChannelType\":\"EMAIL\",\"Address\":\"one@example.com\","
                        + "\"Attributes\":{\"tier\":[\"" + "\uD83D\uDE00".repeat(51) + "\"]}}\n",
                UTF_8);
        Path rejects = dir.resolve("rules-rejects.ndjson");

        Result r = importFile(app, ndjson, "--rejects", rejects.toString());

        assertThat(r.out() + r.err()).contains("rules.ndjson line 3");
        assertThat(lines(rejects)).singleElement().satisfies(j -> {
            assertThat(j.get("rule").asText()).isEqualTo("value.too-long");
            assertThat(j.get("source").asText()).isEqualTo("rules.ndjson");
            assertThat(j.get("line").asLong()).isEqualTo(3);
            assertThat(j.get("message").asText()).contains("UTF-16");
        });
    }

    @Test
    void aFileWithoutItsHeaderIsRejectedWithoutEchoingItsFirstRow() throws IOException {
        String app = CLI.emulator().createApp("no-header");
        Path csv = Files.writeString(
                dir.resolve("no-header.csv"),
                "john-1,EMAIL,john.secret@example.com\njane-1,EMAIL,jane.secret@example.com\n",
                UTF_8);
        Path rejects = dir.resolve("no-header-rejects.ndjson");

        Result r = importFile(app, csv, "--rejects", rejects.toString());

        assertThat(r.out()).contains("records read      2", "rejected          2");
        assertThat(r.out() + r.err() + Files.readString(rejects, UTF_8))
                .doesNotContain("secret")
                .contains("not a header");
        assertThat(exists(app, "jane-1")).isFalse();
    }
}
