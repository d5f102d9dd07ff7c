package io.pinpointimport.cli.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.cli.CliRunner;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resume} and {@code runs} as a hostile user calls them: no service is reached. */
class JournalCommandsTest {
    @TempDir
    Path dir;

    @Test
    void resumeAndRunsWithoutAJournalDirectoryAreUsageErrors() {
        // the test JVM's environment has no PINPOINT_IMPORT_JOURNAL_DIR (the build never sets it)
        Result resume = CliRunner.run("resume", "run-1");
        assertThat(resume.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(resume.err()).contains("--journal-dir", RunFiles.JOURNAL_DIR_ENV);

        Result runs = CliRunner.run("runs");
        assertThat(runs.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(runs.err()).contains("--journal-dir");
    }

    @Test
    void runsOfAMissingDirectoryOrAFileIsAUsageErrorAndAnEmptyOneListsNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x", UTF_8);
        assertThat(CliRunner.run("runs", "--journal-dir", dir.resolve("missing").toString())
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRunner.run("runs", "--journal-dir", file.toString()).exitCode())
                .isEqualTo(ExitCodes.USAGE);

        Result empty = CliRunner.run("runs", "--journal-dir", dir.toString());
        assertThat(empty.exitCode()).as(empty.err()).isEqualTo(ExitCodes.OK);
        assertThat(empty.out()).contains("No runs.");
    }

    @Test
    void resumeOfAnUnknownOrMalformedRunIdIsAUsageErrorThatNamesIt() {
        Result unknown = CliRunner.run("resume", "run-unknown", "--journal-dir", dir.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no run run-unknown");

        Result escaping = CliRunner.run("resume", "../elsewhere", "--journal-dir", dir.toString());
        assertThat(escaping.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(escaping.err()).contains("is not a run id");
    }

    @Test
    void resumeOfSavedOptionsThatNoLongerParseIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("run-old.args.json"), "[\"x.csv\", \"--no-such-option\"]", UTF_8);
        Result r = CliRunner.run("resume", "run-old", "--journal-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("saved options of run run-old");
    }

    @Test
    void importWithAJournalDirectoryThatIsAFileStopsBeforeReading() throws IOException {
        Path file = Files.writeString(dir.resolve("journal"), "x", UTF_8);
        Path csv = Files.writeString(dir.resolve("in.csv"), "ChannelType,Address\nEMAIL,a@example.com\n", UTF_8);
        Result r = CliRunner.run(List.of(
                        "import",
                        csv.toString(),
                        "--app",
                        "app",
                        "--role-arn",
                        "arn:aws:iam::123456789012:role/R",
                        "--bucket",
                        "bucket",
                        "--region",
                        "us-east-1",
                        "--endpoint-url",
                        "http://127.0.0.1:9",
                        "--journal-dir",
                        file.toString())
                .toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is not a directory");
        assertThat(Files.readString(file, UTF_8)).as("the file is left alone").isEqualTo("x");
    }
}
