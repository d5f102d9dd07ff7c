package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import io.pinpointimport.emulator.pinpoint.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 14 through the tool's own entry point against the emulator: the figures of the summary add up to the records
 * read in every outcome, the exit code says when a record was not imported, a stopped run leaves nothing in S3,
 * outputs never touch an input, and bad option values are usage errors naming the option.
 */
class CliAccountingEmulatorTest {
    private static final String BUCKET = "cli-accounting";

    @RegisterExtension
    static final EmulatorCli CLI = new EmulatorCli(BUCKET, Pace.instant());

    private static S3Client s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        s3 = CLI.emulator().s3().newClient();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    static JsonNode json(Result r) {
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON (exit " + r.exitCode() + ", err " + r.err() + "): " + r.out(), e);
        }
    }

    /** The five figures add up to the records read; returns the document. */
    static JsonNode assertAddsUp(JsonNode doc) {
        long sum = doc.get("recordsRejected").asLong()
                + doc.get("recordsImported").asLong()
                + doc.get("recordsFailedInService").asLong()
                + doc.get("recordsFailedWithJob").asLong()
                + doc.get("recordsNotSubmitted").asLong();
        assertThat(sum)
                .as("rejected + imported + failed in service + failed with job + not submitted in %s", doc)
                .isEqualTo(doc.get("recordsRead").asLong());
        return doc;
    }

    private Path csv(String name, int records, String userIdPrefix, String idPrefix) throws IOException {
        StringBuilder sb = new StringBuilder("Id,ChannelType,Address,User.UserId\n");
        for (int i = 0; i < records; i++) {
            sb.append(idPrefix)
                    .append(i)
                    .append(",EMAIL,u")
                    .append(idPrefix)
                    .append(i)
                    .append("@example.com,")
                    .append(userIdPrefix.endsWith("-") ? userIdPrefix + i : userIdPrefix)
                    .append('\n');
        }
        return Files.writeString(dir.resolve(name), sb, UTF_8);
    }

    private List<S3Object> objectsUnder(String prefix) {
        return s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix)).contents();
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.err()).doesNotContain("\tat ", "Exception in thread", "This is a bug");
    }

    // ------------------------------------------------------------------------------------------ accounting

    @Test
    void failedJobCountsEveryRecordOfItsShardAsFailedWithTheJob() throws IOException {
        String app = CLI.emulator().createApp("failed-job");
        CLI.emulator().faults().failNextJob("Piece 1 could not be read");
        Path file = csv("users.csv", 213, "user-", "f-");

        Result r = CLI.run(CLI.importJsonArgs(app, "failed-job/", file.toString()));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.JOB_FAILED);
        JsonNode doc = assertAddsUp(json(r));
        assertThat(doc.get("recordsFailedWithJob").asLong()).isEqualTo(213);
        assertThat(r.err()).contains("Import run " + doc.get("runId").asText() + " started.");
        assertThat(doc.get("recordsImported").asLong()).isZero();
        assertThat(doc.get("jobs").get(0).get("failedWithJob").asLong()).isEqualTo(213);
        assertNoStackTrace(r);
    }

    @Test
    void rowsTheServiceFailsChangeTheExitCodeUnlessTolerated() throws IOException {
        String app = CLI.emulator().createApp("rows");
        // 15 endpoints for one user id fill the service's per-user limit; a later run cannot know it locally
        Result first = CLI.run(CLI.importJsonArgs(
                app, "rows/", csv("full.csv", 15, "full-user", "a-").toString()));
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        Path more = csv("more.csv", 4, "full-user", "b-");

        Result r = CLI.run(CLI.importJsonArgs(app, "rows/", more.toString()));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.SERVICE_FAILURES);
        JsonNode doc = assertAddsUp(json(r));
        assertThat(doc.get("recordsFailedInService").asLong()).isEqualTo(4);
        assertThat(doc.get("recordsImported").asLong()).isZero();
        assertThat(r.err()).contains("--max-service-failures");

        Result tolerated = CLI.run(CLI.importJsonArgs(app, "rows/", more.toString(), "--max-service-failures", "4"));
        assertThat(tolerated.exitCode()).as(tolerated.err()).isEqualTo(ExitCodes.OK);
        assertAddsUp(json(tolerated));
    }

    @Test
    void createRefusedCountsTheShardAsNotSubmittedAndSaysWhy() throws IOException {
        String app = CLI.emulator().createApp("refused");
        CLI.emulator().faults().failNext(Operation.CREATE_IMPORT_JOB, 1, ModelledError.FORBIDDEN, "role not allowed");
        Path file = csv("users.csv", 20, "user-", "r-");

        Result r = CLI.run(CLI.importJsonArgs(app, "refused/", file.toString()));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.SERVICE_ERROR);
        JsonNode doc = assertAddsUp(json(r));
        assertThat(doc.get("recordsNotSubmitted").asLong()).isEqualTo(20);
        assertThat(doc.get("jobErrors").get(0).get("error").asText()).contains("403");
        assertNoStackTrace(r);
    }

    @Test
    void runStoppedByItsPolicyDeletesWhatItStoredBeforeExiting() throws IOException {
        String app = CLI.emulator().createApp("stopped");
        StringBuilder sb = new StringBuilder("Id,ChannelType,Address,User.UserId\n");
        for (int i = 0; i < 400; i++) {
            sb.append("s-")
                    .append(i)
                    .append(",EMAIL,s")
                    .append(i)
                    .append("@example.com,user-")
                    .append(i)
                    .append('\n');
        }
        sb.append("bad,EMAIL,not-an-address,user-bad\n");
        Path file = Files.writeString(dir.resolve("stopped.csv"), sb, UTF_8);

        Result r = CLI.run(CLI.importJsonArgs(app, "stopped/", file.toString(), "--max-shard-size", "2KB"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.REJECTIONS);
        JsonNode doc = assertAddsUp(json(r));
        assertThat(doc.get("recordsRejected").asLong()).isEqualTo(1);
        assertThat(doc.get("recordsNotSubmitted").asLong()).isEqualTo(400);
        String runId = doc.get("runId").asText();
        assertThat(r.err()).contains(runId);
        assertThat(objectsUnder("stopped/")).as("objects left in the bucket").isEmpty();
        assertNoStackTrace(r);
    }

    /**
     * The {@code --json} summary adds up under every fault the tool can meet from the outside, over seeded runs
     * (record counts, shard sizes, rejection mixes), and its exit code follows the figures.
     */
    @Test
    void jsonSummaryAddsUpUnderEveryFault() throws IOException {
        java.util.Random random = new java.util.Random(14_2026L);
        String app = CLI.emulator().createApp("json-property");
        String[] faults = {"none", "throttling", "object-gone", "failed-job", "create-refused", "policy-stop"};
        for (int run = 0; run < faults.length; run++) {
            String fault = faults[run];
            int valid = 1 + random.nextInt(120);
            int bad = random.nextInt(3);
            StringBuilder sb = new StringBuilder("Id,ChannelType,Address,User.UserId\n");
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < valid; i++) {
                rows.add("j" + run + "-" + i + ",EMAIL,j" + run + "x" + i + "@example.com,json-user-" + run + "-" + i);
            }
            for (int i = 0; i < bad; i++) {
                rows.add(random.nextInt(rows.size() + 1), "jbad" + run + "-" + i + ",EMAIL,not-an-address,u");
            }
            rows.forEach(r -> sb.append(r).append('\n'));
            Path file = Files.writeString(dir.resolve("run" + run + ".csv"), sb, UTF_8);
            List<String> args = new ArrayList<>(List.of(CLI.importJsonArgs(
                    app, "json" + run + "/", file.toString(), "--max-shard-size", (1 + random.nextInt(4)) + "KB")));
            args.addAll(List.of("--max-rejections", fault.equals("policy-stop") ? "0" : String.valueOf(bad)));
            switch (fault) {
                case "throttling" ->
                    CLI.emulator()
                            .faults()
                            .throttleNext(Operation.CREATE_IMPORT_JOB, 2)
                            .throttleNext(Operation.GET_IMPORT_JOB, 2);
                case "object-gone" -> CLI.emulator().faults().deleteBeforeRead("json" + run + "/");
                case "failed-job" -> CLI.emulator().faults().failNextJob("Piece 1 could not be read");
                case "create-refused" ->
                    CLI.emulator()
                            .faults()
                            .failNext(Operation.CREATE_IMPORT_JOB, 1, ModelledError.FORBIDDEN, "not allowed");
                default -> {}
            }
            if (fault.equals("policy-stop") && bad == 0) {
                args.set(args.size() - 1, "0");
                Files.writeString(
                        file, "jbad,EMAIL,not-an-address,u\n", UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }

            Result r = CLI.run(args.toArray(String[]::new));

            String context = "run " + run + " (" + fault + "): exit " + r.exitCode() + ", " + r.err();
            JsonNode doc = assertAddsUp(json(r));
            assertNoStackTrace(r);
            boolean allImported = doc.get("recordsImported").asLong()
                            + doc.get("recordsRejected").asLong()
                    == doc.get("recordsRead").asLong();
            if (fault.equals("policy-stop")) {
                assertThat(r.exitCode()).as(context).isEqualTo(ExitCodes.REJECTIONS);
                assertThat(objectsUnder("json" + run + "/")).as(context).isEmpty();
            } else if (allImported) {
                assertThat(r.exitCode()).as(context).isEqualTo(ExitCodes.OK);
            } else {
                assertThat(r.exitCode())
                        .as(context)
                        .isIn(ExitCodes.JOB_FAILED, ExitCodes.SERVICE_ERROR, ExitCodes.SERVICE_FAILURES);
            }
            if (fault.equals("none") || fault.equals("throttling")) {
                assertThat(allImported).as(context).isTrue();
            }
            CLI.emulator().faults().clear();
        }
    }

    // ------------------------------------------------------------------------------------------ input is sacred

    @Test
    void rejectsFileIsNeverAnInputNorALinkToOne() throws IOException {
        String app = CLI.emulator().createApp("sacred");
        Path file = csv("input.csv", 3, "user-", "i-");
        byte[] before = Files.readAllBytes(file);
        Files.createDirectories(dir.resolve("sub"));
        Path symlink = Files.createSymbolicLink(dir.resolve("link.csv"), file);
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), file);

        for (String target : List.of(
                file.toString(), dir.resolve("sub/../input.csv").toString(), symlink.toString(), hardLink.toString())) {
            Result r = CLI.run(CLI.importJsonArgs(app, "sacred/", file.toString(), "--rejects", target, "--overwrite"));
            assertThat(r.exitCode()).as("--rejects %s: %s", target, r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--rejects");
            assertThat(Files.readAllBytes(file))
                    .as("the input after --rejects %s", target)
                    .isEqualTo(before);
        }
    }

    @Test
    void rejectsFileIsCreatedNewOwnerOnlyAndReplacedOnlyWhenAsked() throws IOException {
        String app = CLI.emulator().createApp("rejects");
        Path file = Files.writeString(dir.resolve("bad.csv"), "Id,ChannelType,Address\nx-1,EMAIL,nope\n", UTF_8);
        Path rejects = dir.resolve("rejects.ndjson");

        Result first = CLI.run(CLI.importJsonArgs(app, "rejects/", file.toString(), "--rejects", rejects.toString()));
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.REJECTIONS);
        assertThat(Files.readString(rejects)).contains("\"record\":0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rejects)))
                .isEqualTo("rw-------");

        Files.writeString(rejects, "keep me");
        Result again = CLI.run(CLI.importJsonArgs(app, "rejects/", file.toString(), "--rejects", rejects.toString()));
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("--overwrite");
        assertThat(Files.readString(rejects)).isEqualTo("keep me");

        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not yours");
        Path dangling = Files.createSymbolicLink(dir.resolve("to-elsewhere.ndjson"), elsewhere);
        Result viaLink = CLI.run(
                CLI.importJsonArgs(app, "rejects/", file.toString(), "--rejects", dangling.toString(), "--overwrite"));
        assertThat(viaLink.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(elsewhere)).isEqualTo("not yours");

        Result replaced = CLI.run(
                CLI.importJsonArgs(app, "rejects/", file.toString(), "--rejects", rejects.toString(), "--overwrite"));
        assertThat(replaced.exitCode()).as(replaced.err()).isEqualTo(ExitCodes.REJECTIONS);
        assertThat(Files.readString(rejects)).contains("\"record\":0");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    // ------------------------------------------------------------------------------------------ usage errors

    @Test
    void badOptionValuesAreUsageErrorsNamingTheOption() throws IOException {
        String app = CLI.emulator().createApp("usage");
        Path file = csv("ok.csv", 1, "user-", "o-");
        String[][] cases = {
            {"--prefix", "../"},
            {"--bucket", "Bad..Name/x"},
            {"--endpoint-url", "notaurl"},
            {"--s3-endpoint-url", "notaurl"},
            {"--region", ""},
            {"--max-rejections", "-1"},
            {"--max-service-failures", "-1"},
            {"--max-shard-size", "100GB"},
            {"--max-jobs", "0"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(CLI.importJsonArgs(app, "usage/", file.toString())));
            int at = args.indexOf(c[0]);
            if (at >= 0) {
                args.set(at + 1, c[1]);
            } else {
                args.add(c[0]);
                args.add(c[1]);
            }
            Result r = CLI.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as("%s %s: %s", c[0], c[1], r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as("%s %s", c[0], c[1]).contains(c[0]);
            assertNoStackTrace(r);
        }
        Result validate = CLI.run("validate", file.toString(), "--max-rejections", "-1");
        assertThat(validate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(validate.err()).contains("--max-rejections");
    }
}
