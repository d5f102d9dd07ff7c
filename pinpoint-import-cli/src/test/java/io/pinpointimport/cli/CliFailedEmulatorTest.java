package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Issue 18, "which of my rows failed, so I can fix and resend just those?": {@code failed RUN_ID --out FILE} writes the
 * records that did not make it as the input had them, and importing that file once the fault is gone leaves every
 * record of the original input imported exactly once.
 */
class CliFailedEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String BUCKET = "cli-failed";
    private static final int RECORDS = 600;

    private static PinpointEmulator emulator;
    private static PinpointAsyncClient pinpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = PinpointEmulator.builder().start();
        emulator.s3().createBucket(BUCKET);
        pinpoint = emulator.newAsyncClient();
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    private static Result cli(String... args) {
        return CliRunner.run(
                new ByteArrayInputStream(new byte[0]),
                b -> b.credentialsProvider(emulator.s3().credentialsProvider()),
                args);
    }

    private static List<String> importArgs(String app, Path file, Path journal, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                file.toString(),
                "--app",
                app,
                "--role-arn",
                ROLE,
                "--bucket",
                BUCKET,
                "--region",
                "us-east-1",
                "--max-shard-size",
                "30000",
                "--endpoint-url",
                emulator.endpoint().toString(),
                "--s3-endpoint-url",
                emulator.s3().endpoint().toString()));
        if (journal != null) {
            args.addAll(List.of("--journal-dir", journal.toString()));
        }
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void failedRecordsWrittenOutAndImportedAgainLeaveEveryRecordImportedOnce() throws Exception {
        String app = emulator.createApp("failed");
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(20).ids(true).build().list(RECORDS);
        // as a spreadsheet may save it: a byte order mark, CRLF line ends, a blank line between records
        List<String> lines = csvLines(input);
        lines.add(200, "");
        Path csv = dir.resolve("input.csv");
        Files.write(csv, ("\uFEFF" + String.join("\r\n", lines) + "\r\n").getBytes(UTF_8));
        byte[] before = Files.readAllBytes(csv);
        Path journal = dir.resolve("journal");
        emulator.faults().failJobAt("/00001/", "s3://" + BUCKET + "/…/00001/part.csv: a service fault");
        emulator.faults().denyRole(ROLE, "/00003/");

        Result imported = cli(importArgs(app, csv, journal).toArray(String[]::new));
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.JOB_FAILED);
        String runId = runId(imported);
        emulator.faults().clear();
        List<String> missing = missing(app, input);
        assertThat(missing).as("the two failed jobs' records").isNotEmpty();

        Path out = dir.resolve("failed.csv");
        Result failed = cli("failed", runId, "--out", out.toString(), "--journal-dir", journal.toString(), "--json");
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = new ObjectMapper().readTree(failed.out());
        assertThat(doc.get("records").asLong()).isEqualTo(missing.size());
        assertThat(doc.get("byOutcome").get("failed-with-job").asLong()).isEqualTo(missing.size());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-------");
        assertThat(Files.readAllBytes(csv)).as("the input is never written to").isEqualTo(before);
        List<String> written = Files.readAllLines(out, UTF_8);
        assertThat(written.get(0)).as("the input's header").isEqualTo(lines.get(0));
        int idColumn = cells(lines.get(0)).indexOf("Id");
        List<String> expected = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty() && missing.contains(cells(line).get(idColumn))) {
                expected.add(line);
            }
        }
        assertThat(written.subList(1, written.size()))
                .as("the failed records' lines, as the input had them, in input order")
                .containsExactlyElementsOf(expected);

        Result again = cli("failed", runId, "--out", out.toString(), "--journal-dir", journal.toString());
        assertThat(again.exitCode()).as("an existing file is not replaced").isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("exists");
        Result intoInput =
                cli("failed", runId, "--out", csv.toString(), "--journal-dir", journal.toString(), "--overwrite");
        assertThat(intoInput.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(intoInput.err()).contains("is the input file");
        assertThat(Files.readAllBytes(csv)).isEqualTo(before);
        Path report = journal.resolve(runId + ".placement");
        byte[] reportBefore = Files.readAllBytes(report);
        Result intoReport =
                cli("failed", runId, "--out", report.toString(), "--journal-dir", journal.toString(), "--overwrite");
        assertThat(intoReport.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(intoReport.err()).contains("is in the journal directory");
        assertThat(Files.readAllBytes(report))
                .as("the run's report is left as it was")
                .isEqualTo(reportBefore);

        Result reimported = cli(importArgs(app, out, null).toArray(String[]::new));
        assertThat(reimported.exitCode()).as(reimported.err()).isEqualTo(ExitCodes.OK);

        SoftAssertions soft = new SoftAssertions();
        for (EndpointDefinition d : input) {
            EndpointResponse e = pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                    .join()
                    .endpointResponse();
            soft.assertThat(fields(e)).as(d.id()).isEqualTo(fields(d));
        }
        soft.assertThat(jobs(app).stream()
                        .filter(j -> "COMPLETED".equals(j.jobStatusAsString()))
                        .mapToLong(ImportJobResponse::totalProcessed)
                        .sum())
                .as("every record processed once by the jobs that completed")
                .isEqualTo(RECORDS);
        soft.assertAll();
    }

    @Test
    void noOutputOfAnyCommandIsWrittenInTheJournalDirectory() throws Exception {
        String app = emulator.createApp("journal-outputs");
        Path csv = Files.writeString(
                dir.resolve("rows.csv"), "Id,ChannelType,Address\nok-1,EMAIL,ok-1@example.com\nbad,PIGEON,x\n", UTF_8);
        Path journal = dir.resolve("journal");
        Result first =
                cli(importArgs(app, csv, journal, "--max-rejections", "1").toArray(String[]::new));
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        String runId = runId(first);
        Map<Path, byte[]> kept = new TreeMap<>();
        try (var files = Files.list(journal)) {
            for (Path f : files.toList()) {
                kept.put(f, Files.readAllBytes(f));
            }
        }
        assertThat(kept.keySet())
                .extracting(p -> p.getFileName().toString())
                .contains(runId + ".journal", runId + ".placement", runId + ".args.json");
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), journal);
        Files.createDirectories(journal.resolve("sub"));
        List<Path> targets = new ArrayList<>(kept.keySet());
        targets.add(alias.resolve(runId + ".journal"));
        targets.add(journal.resolve("sub/../" + runId + ".placement"));
        targets.add(journal.resolve("new-rejects.ndjson"));
        targets.add(journal.resolve("sub/new-rejects.ndjson"));
        targets.add(alias.resolve("failed.csv"));

        for (Path target : targets) {
            Result viaImport = cli(importArgs(
                            app, csv, journal, "--max-rejections", "1", "--rejects", target.toString(), "--overwrite")
                    .toArray(String[]::new));
            assertThat(viaImport.exitCode())
                    .as("import --rejects %s: %s", target, viaImport.err())
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(viaImport.err()).contains("--rejects", "is in the journal directory");
            Result viaFailed = cli(
                    "failed", runId, "--out", target.toString(), "--journal-dir", journal.toString(), "--overwrite");
            assertThat(viaFailed.exitCode())
                    .as("failed --out %s: %s", target, viaFailed.err())
                    .isEqualTo(ExitCodes.USAGE);
            // a name that says the other format is refused first, for that
            assertThat(viaFailed.err())
                    .contains("--out", target.toString().endsWith(".csv") ? "is in the journal directory" : "");
        }
        // validate has no --journal-dir: the environment's journal directory is the one its --rejects stays out of
        Path err = dir.resolve("validate.err");
        Process validate = ChildJvm.start(
                PinpointImportCli.class,
                List.of("validate", csv.toString(), "--rejects", targets.get(0).toString(), "--overwrite"),
                Map.of("PINPOINT_IMPORT_JOURNAL_DIR", journal.toString()),
                dir.resolve("validate.out"),
                err);
        assertThat(validate.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(validate.exitValue()).as(Files.readString(err)).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(err)).contains("--rejects", "is in the journal directory");

        try (var files = Files.list(journal)) {
            assertThat(files.filter(Files::isRegularFile).toList())
                    .as("nothing new in the journal directory, no temporary file left")
                    .containsExactlyInAnyOrderElementsOf(kept.keySet());
        }
        for (Map.Entry<Path, byte[]> e : kept.entrySet()) {
            assertThat(Files.readAllBytes(e.getKey()))
                    .as("%s left as it was", e.getKey().getFileName())
                    .isEqualTo(e.getValue());
        }
        assertThat(journal.resolve("sub")).isEmptyDirectory();
        Path elsewhere = dir.resolve("rejects.ndjson");
        Result outside = cli(importArgs(app, csv, journal, "--max-rejections", "1", "--rejects", elsewhere.toString())
                .toArray(String[]::new));
        assertThat(outside.exitCode()).as(outside.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(elsewhere)).contains("\"record\":1");
    }

    @Test
    void rejectedRecordsAreCopiedRawAndEachOutcomeIsSelectable() throws Exception {
        String app = emulator.createApp("rejected");
        String text = "Id,ChannelType,Address,Attributes.tier\n"
                + "ok-1,EMAIL,ok-1@example.com,gold\n"
                + "bad-1,EMAIL,,\"quoted, \"\"value\"\"\"\r\n"
                + "ok-2,EMAIL,ok-2@example.com,silver\r"
                + "bad-2,PIGEON,coo@example.com,x\n"
                + "short-row,EMAIL\n"
                + "ok-3,EMAIL,ok-3@example.com,bronze";
        Path csv = Files.writeString(dir.resolve("rows.csv"), text, UTF_8);
        Path journal = dir.resolve("journal");
        Result imported = cli(importArgs(app, csv, journal, "--max-rejections", "10", "--max-service-failures", "10")
                .toArray(String[]::new));
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.OK);
        String runId = runId(imported);

        // bad-1 passes validation (an empty cell is an absent Address) and the service fails its row
        Path all = dir.resolve("all.csv");
        Result failed = cli("failed", runId, "--out", all.toString(), "--journal-dir", journal.toString());
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.OK);
        assertThat(failed.out()).contains("Wrote 3 records", "rejected 2", "failed-in-service 1");
        assertThat(Files.readString(all, UTF_8))
                .as("each line as the input had it, with its own line end made \\n; the input's order")
                .isEqualTo("Id,ChannelType,Address,Attributes.tier\n"
                        + "bad-1,EMAIL,,\"quoted, \"\"value\"\"\"\n"
                        + "bad-2,PIGEON,coo@example.com,x\n"
                        + "short-row,EMAIL\n");

        Path rejects = dir.resolve("rejects.csv");
        Result rejected = cli(
                "failed",
                runId,
                "--out",
                rejects.toString(),
                "--outcome",
                "REJECTED",
                "--journal-dir",
                journal.toString());
        assertThat(rejected.exitCode()).as(rejected.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(rejects, UTF_8))
                .isEqualTo("Id,ChannelType,Address,Attributes.tier\n"
                        + "bad-2,PIGEON,coo@example.com,x\n"
                        + "short-row,EMAIL\n");

        Path none = dir.resolve("none.csv");
        Result nothing = cli(
                "failed",
                runId,
                "--out",
                none.toString(),
                "--outcome",
                "failed-with-job,not-submitted",
                "--journal-dir",
                journal.toString());
        assertThat(nothing.exitCode()).as(nothing.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(none, UTF_8))
                .as("no record: the header alone")
                .isEqualTo("Id,ChannelType,Address,Attributes.tier\n");

        Result wrongOutcome = cli(
                "failed",
                runId,
                "--out",
                dir.resolve("x.csv").toString(),
                "--outcome",
                "lost",
                "--journal-dir",
                journal.toString());
        assertThat(wrongOutcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongOutcome.err()).contains("failed-in-service");
        Result wrongFormat =
                cli("failed", runId, "--out", dir.resolve("x.json").toString(), "--journal-dir", journal.toString());
        assertThat(wrongFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongFormat.err()).contains("name it .csv");
        Result noRun = cli(
                "failed", "run-nope", "--out", dir.resolve("y.csv").toString(), "--journal-dir", journal.toString());
        assertThat(noRun.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noRun.err()).contains("no run run-nope");

        Files.writeString(csv, text + "\n", UTF_8);
        Result changed =
                cli("failed", runId, "--out", dir.resolve("z.csv").toString(), "--journal-dir", journal.toString());
        assertThat(changed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(changed.err()).contains("changed or is gone");
        assertThat(dir.resolve("z.csv")).doesNotExist();
    }

    @Test
    void ndjsonRecordsAreCopiedAsTheirLinesWithoutAHeader() throws Exception {
        String app = emulator.createApp("ndjson");
        String text = "{\"Id\":\"ok-1\",\"ChannelType\":\"EMAIL\",\"Address\":\"ok-1@example.com\"}\r\n"
                + "\n"
                + "{\"Id\":\"bad-1\",\"ChannelType\":\"PIGEON\",\"Address\":\"coo@example.com\"}\n"
                + "{not json\n"
                + "{\"Id\":\"ok-2\",\"ChannelType\":\"EMAIL\",\"Address\":\"ok-2@example.com\"}\n";
        Path json = Files.writeString(dir.resolve("rows.ndjson"), text, UTF_8);
        Path journal = dir.resolve("journal");
        Result imported =
                cli(importArgs(app, json, journal, "--max-rejections", "10").toArray(String[]::new));
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.OK);

        Path out = dir.resolve("failed.ndjson");
        Result failed = cli("failed", runId(imported), "--out", out.toString(), "--journal-dir", journal.toString());
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(out, UTF_8))
                .isEqualTo("{\"Id\":\"bad-1\",\"ChannelType\":\"PIGEON\",\"Address\":\"coo@example.com\"}\n"
                        + "{not json\n");
    }

    /** The cells of one CSV line, RFC 4180 quoting. */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    private static String runId(Result imported) {
        Matcher m = Pattern.compile("Import run (\\S+) started\\.").matcher(imported.err());
        assertThat(m.find()).as(imported.err()).isTrue();
        return m.group(1);
    }

    private List<String> csvLines(List<EndpointDefinition> definitions) throws IOException {
        try (ShardWriter writer = ShardWriter.builder()
                .format(ImportFormat.CSV)
                .directory(Files.createDirectories(dir.resolve("writer")))
                .build()) {
            long index = 0;
            for (EndpointDefinition d : definitions) {
                assertThat(writer.write(index++, d)).as("fixture %s", d.id()).isEmpty();
            }
            Shard shard = writer.finish().orElseThrow();
            return new ArrayList<>(Files.readAllLines(shard.file(), UTF_8));
        }
    }

    private static List<String> missing(String app, List<EndpointDefinition> input) {
        List<String> out = new ArrayList<>();
        for (EndpointDefinition d : input) {
            boolean there = pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                    .handle((r, t) -> t == null)
                    .join();
            if (!there) {
                out.add(d.id());
            }
        }
        return out;
    }

    private static Map<String, Object> fields(EndpointDefinition d) {
        Map<String, Object> m = new TreeMap<>();
        m.put("ChannelType", d.channelTypeAsString());
        m.put("Address", d.address());
        m.put("Attributes", d.attributes());
        m.put("Metrics", d.metrics());
        m.put("User.UserId", d.user() == null ? null : d.user().userId());
        m.put("User.UserAttributes", d.user() == null ? Map.of() : d.user().userAttributes());
        m.put("Location.Country", d.location() == null ? null : d.location().country());
        m.put("Location.City", d.location() == null ? null : d.location().city());
        m.put(
                "Demographic.Platform",
                d.demographic() == null ? null : d.demographic().platform());
        return m;
    }

    private static Map<String, Object> fields(EndpointResponse e) {
        Map<String, Object> m = new TreeMap<>();
        m.put("ChannelType", e.channelTypeAsString());
        m.put("Address", e.address());
        m.put("Attributes", e.hasAttributes() ? e.attributes() : Map.of());
        m.put("Metrics", e.hasMetrics() ? e.metrics() : Map.of());
        m.put("User.UserId", e.user() == null ? null : e.user().userId());
        m.put(
                "User.UserAttributes",
                e.user() == null || !e.user().hasUserAttributes()
                        ? Map.of()
                        : e.user().userAttributes());
        m.put("Location.Country", e.location() == null ? null : e.location().country());
        m.put("Location.City", e.location() == null ? null : e.location().city());
        m.put(
                "Demographic.Platform",
                e.demographic() == null ? null : e.demographic().platform());
        return m;
    }

    private static List<ImportJobResponse> jobs(String app) {
        return ImportJobsListing.all(pinpoint, app);
    }
}
