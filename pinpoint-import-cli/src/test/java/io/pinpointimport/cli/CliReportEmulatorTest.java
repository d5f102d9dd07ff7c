package io.pinpointimport.cli;

import static io.pinpointimport.cli.CliAccountingEmulatorTest.assertAddsUp;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's {@code report RUN_ID} through the tool's own entry point against the emulator: an import with rows
 * rejected locally, rows the service fails and one failed job, then the report's counts against the import's own
 * figures, each record the service failed traced back to its line in the input file, the filters, and wrong use.
 */
class CliReportEmulatorTest {
    private static final int RECORDS = 2_000;
    private static final String FULL_USER = "report-full-";
    private static final int FULL_USERS = 10;

    private static final String BUCKET = "cli-report";

    @RegisterExtension
    static final EmulatorCli CLI = new EmulatorCli(BUCKET, Pace.instant());

    @TempDir
    Path dir;

    private static JsonNode json(Result r) throws IOException {
        assertThat(r.exitCode()).as(r.err()).isIn(0, 4, 6);
        return new ObjectMapper().readTree(r.out());
    }

    private static boolean rejected(int i) {
        return i % 89 == 4;
    }

    private static boolean failsInService(int i) {
        return i % 41 == 9 && !rejected(i);
    }

    @Test
    void reportTracesEveryRecordAndItsCountsAreTheImportsFigures() throws Exception {
        String app = CLI.emulator().createApp("report");
        Path journal = dir.resolve("journal");
        // the application already holds 15 endpoints of each full user: the service fails any further one
        StringBuilder fill = new StringBuilder("Id,ChannelType,Address,User.UserId\n");
        for (int i = 0; i < 15 * FULL_USERS; i++) {
            fill.append("fill-").append(i).append(",EMAIL,fill").append(i).append("@example.com,");
            fill.append(FULL_USER).append(i % FULL_USERS).append('\n');
        }
        Path fillFile = Files.writeString(dir.resolve("fill.csv"), fill, UTF_8);
        assertThat(CLI.run(CLI.importJsonArgs(app, "fill/", fillFile.toString()))
                        .exitCode())
                .isZero();

        StringBuilder csv = new StringBuilder("Id,ChannelType,Address,User.UserId\n");
        for (int i = 0; i < RECORDS; i++) {
            csv.append("r-").append(i).append(",EMAIL,");
            csv.append(rejected(i) ? "no-at-sign.example.com" : "r" + i + "@example.com")
                    .append(',');
            csv.append(failsInService(i) ? FULL_USER + i % FULL_USERS : "user-" + i)
                    .append('\n');
        }
        Path input = Files.writeString(dir.resolve("input.csv"), csv, UTF_8);
        List<String> lines = Files.readAllLines(input, UTF_8);
        CLI.emulator().faults().failJobAt("/00001/", "Piece 1 could not be read");

        Result imported = CLI.run(CLI.importJsonArgs(
                app,
                "report/",
                input.toString(),
                "--journal-dir",
                journal.toString(),
                "--max-shard-size",
                "20000",
                "--max-rejections",
                "1000",
                "--max-service-failures",
                "1000"));
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.JOB_FAILED);
        JsonNode summary = assertAddsUp(new ObjectMapper().readTree(imported.out()));
        String runId = summary.get("runId").asText();
        assertThat(summary.get("recordsFailedInService").asLong()).isPositive();
        assertThat(summary.get("recordsFailedWithJob").asLong()).isPositive();
        assertThat(summary.get("recordsRejected").asLong()).isPositive();

        JsonNode report = json(CLI.run("report", runId, "--journal-dir", journal.toString(), "--json"));
        assertThat(report.get("runEnded").asBoolean()).isTrue();
        JsonNode counts = report.get("counts");
        assertThat(report.get("total").asLong())
                .isEqualTo(summary.get("recordsRead").asLong());
        for (Map.Entry<String, String> figure : Map.of(
                        "REJECTED", "recordsRejected",
                        "IMPORTED", "recordsImported",
                        "FAILED_IN_SERVICE", "recordsFailedInService",
                        "FAILED_WITH_JOB", "recordsFailedWithJob",
                        "NOT_SUBMITTED", "recordsNotSubmitted")
                .entrySet()) {
            assertThat(counts.get(figure.getKey()).asLong())
                    .as(figure.getKey())
                    .isEqualTo(summary.get(figure.getValue()).asLong());
        }

        // each record the service failed is, at its line of the input file, a row of a full user
        JsonNode failed = json(CLI.run(
                        "report",
                        runId,
                        "--journal-dir",
                        journal.toString(),
                        "--outcome",
                        "failed-in-service",
                        "--json"))
                .get("records");
        assertThat(failed).hasSize((int) summary.get("recordsFailedInService").asLong());
        for (JsonNode f : failed) {
            int index = f.get("recordIndex").asInt();
            assertThat(f.get("source").asText()).endsWith("input.csv");
            assertThat(f.get("line").asInt()).isEqualTo(index + 2);
            assertThat(lines.get(index + 1)).startsWith("r-" + index + ",").contains(FULL_USER);
            assertThat(f.get("id").asText()).isEqualTo("r-" + index);
            assertThat(f.get("serviceLine").asText())
                    .contains("line " + (f.get("row").asInt() + 2) + ": ");
            assertThat(failsInService(index)).isTrue();
        }

        // --outcome failed: every record not imported
        JsonNode notImported = json(CLI.run(
                        "report", runId, "--journal-dir", journal.toString(), "--outcome", "failed", "--json"))
                .get("records");
        assertThat((long) notImported.size())
                .isEqualTo(summary.get("recordsRead").asLong()
                        - summary.get("recordsImported").asLong());

        // one record by position, in text; the rule that rejected it
        int rejectedIndex = 4;
        Result one = CLI.run(
                "report", runId, "--journal-dir", journal.toString(), "--record", String.valueOf(rejectedIndex));
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out())
                .contains("record 4 (")
                .contains("input.csv line 6) id r-4: REJECTED [address.email-format]")
                .contains("rejected")
                .doesNotContain("no-at-sign");
        Result byId = CLI.run("report", runId, "--journal-dir", journal.toString(), "--id", "r-10");
        assertThat(byId.out()).contains("record 10 (").contains(": IMPORTED");
        Result none = CLI.run("report", runId, "--journal-dir", journal.toString(), "--id", "no-such-id");
        assertThat(none.exitCode()).isZero();
        assertThat(none.err()).contains("No record of run " + runId + " matches");
    }

    @Test
    void wrongUseIsAUsageError() throws Exception {
        Path journal = Files.createDirectory(dir.resolve("empty-journal"));
        List<String[]> wrong = new ArrayList<>();
        wrong.add(new String[] {"report", "run-none", "--journal-dir", journal.toString()});
        wrong.add(new String[] {
            "report", "run-none", "--journal-dir", dir.resolve("missing").toString()
        });
        wrong.add(new String[] {"report", "run-none", "--journal-dir", journal.toString(), "--outcome", "lost"});
        wrong.add(
                new String[] {"report", "run-none", "--journal-dir", journal.toString(), "--record", "1", "--id", "x"});
        wrong.add(new String[] {"report", "run-none", "--journal-dir", journal.toString(), "--record", "-1"});
        for (String[] args : wrong) {
            Result r = CLI.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).isEmpty();
        }
        Result unknown = CLI.run("report", "run-none", "--journal-dir", journal.toString());
        assertThat(unknown.err()).contains("There is no run run-none");
        Result badOutcome = CLI.run("report", "run-none", "--journal-dir", journal.toString(), "--outcome", "lost");
        assertThat(badOutcome.err()).contains("--outcome").contains("failed-in-service");
    }
}
