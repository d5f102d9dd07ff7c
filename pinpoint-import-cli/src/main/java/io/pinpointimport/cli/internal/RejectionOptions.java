package io.pinpointimport.cli.internal;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How many rejected records are acceptable and where their reasons are written. */
public final class RejectionOptions {
    /** Default {@code --max-rejections}: {@value}, any rejected record fails the run. */
    public static final long DEFAULT_MAX_REJECTIONS = 0;

    /** Most rejected records before the run fails. */
    @Option(
            names = "--max-rejections",
            paramLabel = "N",
            description = "Most rejected records (bad lines or broken rules) the run may have and still succeed."
                    + " Default: " + DEFAULT_MAX_REJECTIONS + ", any rejected record fails it (exit code 3).")
    public long maxRejections = DEFAULT_MAX_REJECTIONS;

    /** Where to write every rejection, or {@code null}. */
    @Option(
            names = "--rejects",
            paramLabel = "FILE",
            description = "Write every rejection to FILE as newline-delimited JSON: record, source, line, column,"
                    + " field, rule, message (never the record's values), so that nothing is lost. Never an input"
                    + " file, never in the journal directory.")
    public Path rejectsFile;

    /** Whether an existing {@code --rejects} file may be replaced. */
    @Option(
            names = "--overwrite",
            description =
                    "Replace the --rejects file if it exists (never an input file, never a file in the"
                            + " journal directory, never through a symbolic link). Default: an existing file is left alone and the command stops before reading.")
    public boolean overwrite;

    /** @throws CliException (usage) when a value is out of range */
    public void check() {
        Checks.atLeast("--max-rejections", maxRejections, 0);
    }

    /** Public for picocli. */
    public RejectionOptions() {}
}
