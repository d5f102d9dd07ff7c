package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A file the tool writes (the {@code --rejects} file, {@code failed --out}): never an input, never in the journal
 * directory (which holds the runs' journals, reports and saved arguments), never through a symbolic link, never
 * replacing an existing file unless asked, written under a temporary name in the same directory and moved into
 * place when complete, readable by its owner only (0600, whatever the umask).
 */
final class OutputFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String option;
    private final Path target;
    private final Path temporary;
    private final boolean replace;
    private final OutputStream out;
    private boolean done;

    private OutputFile(String option, Path target, Path temporary, boolean replace, OutputStream out) {
        this.option = option;
        this.target = target;
        this.temporary = temporary;
        this.replace = replace;
        this.out = out;
    }

    /**
     * Checks the target and opens its temporary file.
     *
     * @param option the option that named the file, for messages
     * @param target where the file goes
     * @param inputs the command's input files ({@code -} for standard input is skipped)
     * @param journalDir the journal directory the command uses, or {@code null} when it uses none
     * @param replace whether an existing file (never an input, never a symbolic link) may be replaced
     * @return the open file, to be {@link #commit() committed} or {@link #discard() discarded}
     * @throws CliException (usage) when the target may not be written
     */
    static OutputFile open(
            String option, Path target, Collection<String> inputs, @Nullable Path journalDir, boolean replace) {
        Path absolute = target.toAbsolutePath().normalize();
        if (journalDir != null && inside(absolute, journalDir)) {
            throw new CliException(
                    ExitCodes.USAGE,
                    option + " " + target + " is in the journal directory " + journalDir + ", which holds the runs'"
                            + " journals, reports and saved arguments: outputs are never written there. Name a file"
                            + " elsewhere.");
        }
        for (String in : inputs) {
            if (InputOptions.STDIN.equals(in)) {
                continue;
            }
            if (sameFile(target, Path.of(in))) {
                throw new CliException(
                        ExitCodes.USAGE,
                        option + " " + target + " is the input file " + in
                                + " (or a link to it): outputs never overwrite an input. Name another file.");
            }
        }
        if (Files.isSymbolicLink(target)) {
            throw new CliException(
                    ExitCodes.USAGE,
                    option + " " + target + " is a symbolic link: outputs are never"
                            + " written through one. Name the file itself, or another file.");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!replace) {
                throw new CliException(
                        ExitCodes.USAGE,
                        option + " " + target + " exists. Name a new file, or pass" + " --overwrite to replace it.");
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new CliException(ExitCodes.USAGE, option + " " + target + " exists and is not a regular file.");
            }
        }
        Path dir = absolute.getParent();
        try {
            Path tmp;
            try {
                tmp = Files.createTempFile(
                        dir,
                        "." + absolute.getFileName() + ".",
                        ".part",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
            }
            try {
                // createTempFile already asks for 0600; set it again in case a default ACL widened it
                Files.setPosixFilePermissions(tmp, OWNER_ONLY);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the temporary file's own defaults stand
            }
            return new OutputFile(option, target, tmp, replace, Files.newOutputStream(tmp));
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot write " + option + " " + target + " ("
                            + e.getClass().getSimpleName() + "). Check the directory exists and is writable.",
                    e);
        }
    }

    // The journal directory or any folder under it, also through symbolic links, "..", or another spelling of it:
    // by real paths when both exist, else by the paths as written.
    private static boolean inside(Path absoluteTarget, Path journalDir) {
        Path journal = journalDir.toAbsolutePath().normalize();
        Path parent = absoluteTarget.getParent();
        if (parent == null) {
            return false;
        }
        if (parent.startsWith(journal)) {
            return true;
        }
        try {
            if (Files.isDirectory(journal) && Files.isDirectory(parent)) {
                return parent.toRealPath().startsWith(journal.toRealPath());
            }
        } catch (IOException e) {
            // unreadable: the spelled-out comparison above stands
        }
        return false;
    }

    // Same file by file key (hard links, symbolic links, "..", case-folding file systems), when both exist.
    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    /** @return where the data goes until {@link #commit()} */
    OutputStream stream() {
        return out;
    }

    /** @return the file's final path, as given */
    Path target() {
        return target;
    }

    /**
     * Moves the complete file into place: never over an existing file unless replacing was asked for.
     *
     * @throws CliException (usage) when it cannot
     */
    void commit() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
            if (replace) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                try {
                    // a hard link fails if the target appeared meanwhile, where a rename would replace it
                    Files.createLink(target, temporary);
                    Files.delete(temporary);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (UnsupportedOperationException | IOException e) {
                    // no hard links here: a plain move, which refuses an existing target itself
                    Files.move(temporary, target);
                }
            }
        } catch (FileAlreadyExistsException e) {
            deleteQuietly();
            throw new CliException(
                    ExitCodes.USAGE,
                    option + " " + target + " appeared while the command ran; it was"
                            + " left as it is. Name a new file, or pass --overwrite.",
                    e);
        } catch (IOException e) {
            deleteQuietly();
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot finish " + option + " " + target + " ("
                            + e.getClass().getSimpleName() + ").",
                    e);
        }
    }

    /** Drops the temporary file. */
    void discard() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
        } catch (IOException e) {
            // dropped anyway
        }
        deleteQuietly();
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // a leftover hidden .part file is not worth failing the command for
        }
    }
}
