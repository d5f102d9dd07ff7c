package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --journal-dir} of the commands that read runs started with {@code import --journal-dir}, defaulting to the
 * same environment variable.
 */
public final class JournalDirOption {
    /** The option's value, or the environment's; {@code null} when neither is set. */
    @Option(
            names = "--journal-dir",
            paramLabel = "DIR",
            defaultValue = "${env:" + RunFiles.JOURNAL_DIR_ENV + "}",
            description = "The journal directory given to import --journal-dir. Default: the environment variable "
                    + RunFiles.JOURNAL_DIR_ENV + ".")
    public @Nullable Path journalDir;

    /** Public for picocli. */
    public JournalDirOption() {}

    /**
     * @return the journal directory
     * @throws CliException a usage error when neither the option nor the environment names one, or it is not a
     *     directory
     */
    public Path require() {
        Path dir = journalDir;
        if (dir == null) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "Missing required option: '--journal-dir=DIR' (or set " + RunFiles.JOURNAL_DIR_ENV + ").");
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException(
                    ExitCodes.USAGE, "--journal-dir " + Checks.quoted(dir.toString()) + " is not a directory.");
        }
        return dir;
    }
}
