package io.pinpointimport.cli.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The command line's files in a journal directory, beside the library's {@code <runId>.journal}: the arguments of
 * each {@code import} ({@code <runId>.args.json}), so that {@code resume RUN_ID} runs it again with the very same
 * settings. Arguments hold no credentials (those come from the AWS profile or environment).
 */
final class RunFiles {
    /** The environment variable that gives {@code --journal-dir} its default. */
    static final String JOURNAL_DIR_ENV = "PINPOINT_IMPORT_JOURNAL_DIR";

    static final String ARGUMENTS_SUFFIX = ".args.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunFiles() {}

    /**
     * @return the journal directory the environment names, for commands without {@code --journal-dir} whose outputs
     *     must stay out of it; {@code null} when it names none
     */
    static @Nullable Path defaultJournalDirectory() {
        String dir = System.getenv(JOURNAL_DIR_ENV);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /**
     * @param dir the journal directory given
     * @return the directory, created owner-only when missing
     * @throws CliException (usage) when it is not a directory or cannot be created
     */
    static Path journalDirectory(Path dir) {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new CliException(
                    ExitCodes.USAGE, "--journal-dir " + Checks.quoted(dir.toString()) + " is not a directory.");
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: its default permissions apply
                }
            }
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--journal-dir " + Checks.quoted(dir.toString()) + " cannot be created: " + e.getMessage() + ".",
                    e);
        }
        return dir;
    }

    /**
     * Writes a new, owner-only file with an import's arguments; a failure is told on standard error, not fatal
     * (the run goes on, only 'resume' will need the options again).
     */
    static void saveArguments(CliContext context, Path dir, String runId, List<String> arguments) {
        Path file = dir.resolve(runId + ARGUMENTS_SUFFIX);
        // written whole under another name, then moved: a process killed meanwhile leaves no half file to resume
        Path partial = dir.resolve("." + runId + ARGUMENTS_SUFFIX + ".partial");
        try {
            try (OutputStream out =
                    Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                try {
                    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                MAPPER.writeValue(out, arguments);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            context.err()
                    .println(Errors.PREFIX + "the options of run " + runId + " could not be saved to " + file + " ("
                            + e.getMessage() + "); 'resume " + runId + "' will not find them.");
        }
    }

    /**
     * @return the arguments the run's {@code import} was given
     * @throws CliException (usage) when there are none for the run
     */
    static List<String> loadArguments(Path dir, String runId) {
        if (runId.isBlank() || runId.contains("/") || runId.contains("\\") || runId.startsWith(".")) {
            throw new CliException(ExitCodes.USAGE, "RUN_ID " + Checks.quoted(runId) + " is not a run id.");
        }
        Path file = dir.resolve(runId + ARGUMENTS_SUFFIX);
        try {
            return MAPPER.readValue(Files.readAllBytes(file), new TypeReference<List<String>>() {});
        } catch (NoSuchFileException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "no run " + runId + " in the journal directory " + dir + " (no " + file.getFileName()
                            + "; 'runs' lists the runs there).",
                    e);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "the options of run " + runId + " in " + file + " cannot be read: " + e.getMessage() + ".",
                    e);
        }
    }
}
