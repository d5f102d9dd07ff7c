package io.pinpointimport.internal.journal;

import io.pinpointimport.format.ImportFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A journal's first line: which run, when it started, with which settings and which input. No promises: internal.
 *
 * @param runId the run's id
 * @param startedAt when the run first started
 * @param settings the settings that shape the run's shards and jobs, by name (sorted)
 * @param fingerprint SHA-256 of the settings' canonical text
 * @param input the run's input
 */
public record JournalHeader(
        String runId, Instant startedAt, SortedMap<String, String> settings, String fingerprint, Input input) {
    /**
     * Copies the settings.
     *
     * @param runId the run's id
     * @param startedAt when the run first started
     * @param settings the settings by name
     * @param fingerprint their fingerprint
     * @param input the run's input
     */
    public JournalHeader {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
        settings = new TreeMap<>(settings);
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(input, "input");
    }

    /**
     * @param runId the run's id
     * @param startedAt when it started
     * @param settings the settings by name
     * @param input its input
     * @return the header, with the settings' fingerprint
     */
    public static JournalHeader of(String runId, Instant startedAt, Map<String, String> settings, Input input) {
        return new JournalHeader(runId, startedAt, new TreeMap<>(settings), Fingerprint.of(settings), input);
    }

    /**
     * A run's input: files (read again on resume) or records given in memory (not).
     *
     * @param format the files' format, or null for memory
     * @param files the files with their size and modification time; empty for memory
     */
    public record Input(ImportFormat format, List<FileStamp> files) {
        /**
         * Copies the list.
         *
         * @param format the files' format, or null for memory
         * @param files the files
         */
        public Input {
            files = List.copyOf(files);
        }

        /** @return input given in memory */
        public static Input memory() {
            return new Input(null, List.of());
        }

        /** @return whether the input was given in memory */
        public boolean inMemory() {
            return format == null;
        }
    }

    /**
     * One input file as it was when the run started.
     *
     * @param path its absolute path
     * @param size its size in bytes
     * @param modifiedMillis its last-modified time, in milliseconds since the epoch
     */
    public record FileStamp(Path path, long size, long modifiedMillis) {
        /**
         * @param file an input file
         * @return its absolute path, size and modification time now; size and time {@code -1} when it cannot be
         *         read (reading it fails the run; a resume then finds it changed)
         */
        public static FileStamp of(Path file) {
            Path abs = file.toAbsolutePath().normalize();
            try {
                return new FileStamp(
                        abs, Files.size(abs), Files.getLastModifiedTime(abs).toMillis());
            } catch (IOException e) {
                return new FileStamp(abs, -1, -1);
            }
        }
    }
}
