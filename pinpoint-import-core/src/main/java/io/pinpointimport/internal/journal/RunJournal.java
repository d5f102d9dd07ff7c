package io.pinpointimport.internal.journal;

import io.pinpointimport.ImportException;
import io.pinpointimport.ResumeException;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.shard.Shard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's journal: one JSON object per line, appended and forced to disk before the call returns, so that
 * what the journal says has happened did happen. Thread-safe. A write that fails throws {@link ImportException}:
 * a run that promised a journal does not go on without one. No promises: internal.
 *
 * <p>Lines: a header ({@value #MAGIC_KEY}, version, run id, settings and fingerprint, input), then per shard
 * {@code written}, {@code stored}, {@code created}, {@code finished} or {@code failed} (and {@code resubmitted} when
 * a failed shard is imported again from the store, followed by its new job's entries), and for the run
 * {@code resumed}, {@code input-done}, {@code ended}, {@code abandoned}, {@code cancelled} or {@code stopped}.
 */
public final class RunJournal implements AutoCloseable {
    /** The header's key naming the file's kind. */
    public static final String MAGIC_KEY = "journal";
    /** Its value. */
    public static final String MAGIC = "pinpoint-import";
    /**
     * The format version this library writes: 2, which added {@code resubmitted}. A reader of version 1 only, meeting
     * that entry, would call the journal corrupt; meeting version 2 it says the journal is of a version it does not
     * read.
     */
    public static final int VERSION = 2;
    /**
     * The oldest version this library reads: 1, read as it is. Its header is raised to {@link #VERSION} in place
     * before its first {@code resubmitted} entry, for the same reason.
     */
    public static final int OLDEST_READABLE_VERSION = 1;
    // how a version-1 header spells its version; the header's first keys are the magic and the version
    private static final String VERSION_1_TEXT = "\"version\":1,";
    /** A journal file's name ends with this. */
    public static final String SUFFIX = ".journal";

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    private final Instant startedAt;
    private boolean versionRaised;

    private RunJournal(Path file, FileChannel channel, Clock clock, Instant startedAt) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
        this.startedAt = startedAt;
        // a journal this library created has the current version; only a reopened one may be older
        this.versionRaised = startedAt != null;
    }

    /**
     * @param directory the journal directory
     * @param runId a run id
     * @return the run's journal file there
     */
    public static Path fileOf(Path directory, String runId) {
        return directory.resolve(runId + SUFFIX);
    }

    /**
     * Starts a new run's journal with its header.
     *
     * @param directory the journal directory, created when missing
     * @param header the header
     * @param clock for the entries' times
     * @return the open journal
     * @throws ImportException when the file cannot be made or already exists
     */
    public static RunJournal create(Path directory, JournalHeader header, Clock clock) {
        Path file = fileOf(directory, header.runId());
        try {
            Files.createDirectories(directory);
            FileChannel ch;
            try {
                ch = FileChannel.open(
                        file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } catch (FileAlreadyExistsException e) {
                throw new ImportException("The journal " + file + " already exists; a run id is used once", e);
            }
            ownerOnly(file);
            lock(ch, file, header.runId());
            RunJournal j = new RunJournal(file, ch, clock, header.startedAt());
            j.append(headerEntry(header));
            return j;
        } catch (IOException e) {
            throw new ImportException("Cannot create the run journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing journal to append to it, first cutting off a torn last line.
     *
     * @param file the journal
     * @param runId its run
     * @param validLength where its last complete line ends
     * @param clock for the entries' times
     * @return the open journal
     * @throws ImportException when it cannot be opened
     * @throws ResumeException when another run (in this or another process) holds it
     */
    public static RunJournal reopen(Path file, String runId, long validLength, Clock clock) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                lock(ch, file, runId);
                if (ch.size() > validLength) {
                    ch.truncate(validLength);
                    ch.force(true);
                }
                ch.position(validLength);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return new RunJournal(file, ch, clock, null);
        } catch (IOException e) {
            throw new ImportException("Cannot open the run journal " + file + " to continue it: " + e.getMessage(), e);
        }
    }

    // One writer per journal, also across processes: a second resume of a run still going must not interleave.
    private static void lock(FileChannel ch, Path file, String runId) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new ResumeException(
                    runId,
                    "The journal " + file + " is in use: run " + runId + " is going on"
                            + " (in this or another process); wait for it to end or stop it first");
        }
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's own protection applies
        }
    }

    /** @return when the run started, as the header says, for a journal this object created; else null */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return the journal's file */
    public Path file() {
        return file;
    }

    /**
     * @param shard a shard just written, before it is stored
     */
    public void written(Shard shard) {
        Map<String, Object> m = entry("written");
        m.put("shard", shard.number());
        m.put("records", shard.recordCount());
        m.put("bytes", shard.byteCount());
        m.put("sha256", shard.sha256Hex());
        m.put("firstRecordIndex", shard.firstRecordIndex());
        m.put("lastRecordIndex", shard.lastRecordIndex());
        append(m);
    }

    /**
     * @param shard the shard's number
     * @param url the URL its job reads
     * @param sha256 the stored content's SHA-256
     */
    public void stored(int shard, String url, String sha256) {
        Map<String, Object> m = entry("stored");
        m.put("shard", shard);
        m.put("url", url);
        m.put("sha256", sha256);
        append(m);
    }

    /**
     * @param shard the shard's number
     * @param jobId its job's id
     */
    public void created(int shard, String jobId) {
        Map<String, Object> m = entry("created");
        m.put("shard", shard);
        m.put("jobId", jobId);
        append(m);
    }

    /**
     * @param result the shard's job's end
     */
    public void finished(ImportResult result) {
        Map<String, Object> m = entry("finished");
        m.put("shard", result.shardNumber());
        m.put("url", result.s3Url());
        m.put("records", result.recordsSubmitted().orElse(-1));
        m.put("adopted", result.adopted());
        m.put("queuedAt", result.queuedAt().toString());
        m.put("startedAt", result.startedAt().toString());
        m.put("createdAt", result.createdAt().toString());
        m.put("finishedAt", result.finishedAt().toString());
        JobSnapshot j = result.job();
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", j.id());
        j.s3Url().ifPresent(u -> job.put("s3Url", u));
        j.statusText().ifPresent(s -> job.put("status", s));
        // the library's reading of it, for targets whose words differ from Pinpoint's
        job.put("state", j.status().name());
        j.totalPieces().ifPresent(v -> job.put("totalPieces", v));
        j.completedPieces().ifPresent(v -> job.put("completedPieces", v));
        j.failedPieces().ifPresent(v -> job.put("failedPieces", v));
        j.totalProcessed().ifPresent(v -> job.put("totalProcessed", v));
        j.totalFailures().ifPresent(v -> job.put("totalFailures", v));
        if (!j.failures().isEmpty()) {
            job.put("failures", new ArrayList<>(j.failures()));
        }
        j.creationDate().ifPresent(v -> job.put("creationDate", v));
        j.completionDate().ifPresent(v -> job.put("completionDate", v));
        m.put("job", job);
        append(m);
    }

    /**
     * A shard's job did not reach a terminal status (refused, timed out, could not be followed). A resume tries it
     * again: watches the job when its id is known, otherwise looks it up by URL before creating it.
     *
     * @param shard the shard's number
     * @param jobId the job's id, or null when none was created
     * @param error what went wrong (never personal data)
     */
    public void failed(int shard, String jobId, String error) {
        Map<String, Object> m = entry("failed");
        m.put("shard", shard);
        m.put("jobId", jobId);
        m.put("error", error);
        append(m);
    }

    /**
     * A stored shard is given a new job (its previous one failed): what the journal said of its job until now is
     * replaced by the entries that follow.
     *
     * @param shard the shard's number
     * @param previousJobId the failed job's id, or null when its create was refused
     */
    public synchronized void resubmitted(int shard, String previousJobId) {
        raiseVersion();
        Map<String, Object> m = entry("resubmitted");
        m.put("shard", shard);
        m.put("previousJobId", previousJobId);
        append(m);
    }

    /** A resumed run continues from here. */
    public void resumed() {
        append(entry("resumed"));
    }

    /**
     * @param read records read
     * @param rejected records rejected
     * @param submitted records written to shards
     * @param shards shards written
     */
    public void inputDone(long read, long rejected, long submitted, int shards) {
        Map<String, Object> m = entry("input-done");
        m.put("read", read);
        m.put("rejected", rejected);
        m.put("submitted", submitted);
        m.put("shards", shards);
        append(m);
    }

    /** The run finished: its summary is complete. */
    public void ended() {
        append(entry("ended"));
    }

    /** The run's bad-record policy tripped: its stored shards are deleted; it cannot be resumed. */
    public void abandoned() {
        append(entry("abandoned"));
    }

    /** The run was cancelled; it can be resumed. */
    public void cancelled() {
        append(entry("cancelled"));
    }

    /**
     * @param reason why the run stopped (an exception's class and message, never personal data)
     */
    public void stopped(String reason) {
        Map<String, Object> m = entry("stopped");
        m.put("reason", reason);
        append(m);
    }

    private Map<String, Object> entry(String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", kind);
        m.put("at", clock.instant().toString());
        return m;
    }

    private static Map<String, Object> headerEntry(JournalHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MAGIC_KEY, MAGIC);
        m.put("version", VERSION);
        m.put("entry", "header");
        m.put("runId", h.runId());
        m.put("startedAt", h.startedAt().toString());
        m.put("settings", new LinkedHashMap<>(h.settings()));
        m.put("fingerprint", h.fingerprint());
        Map<String, Object> input = new LinkedHashMap<>();
        if (h.input().inMemory()) {
            input.put("kind", "memory");
        } else {
            input.put("kind", "files");
            input.put("format", h.input().format().name());
            List<Object> files = new ArrayList<>();
            for (JournalHeader.FileStamp f : h.input().files()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("path", f.path().toString());
                fm.put("size", f.size());
                fm.put("modified", f.modifiedMillis());
                files.add(fm);
            }
            input.put("files", files);
        }
        m.put("input", input);
        return m;
    }

    /**
     * Appends one entry and forces it to disk.
     *
     * @param entry the entry
     * @throws ImportException when it cannot be written
     */
    // A version-1 journal gets an entry version 1 does not have: its header says version 2 from now on (one digit,
    // written in place: the same length, and the header is the only line ever rewritten).
    private void raiseVersion() {
        if (versionRaised) {
            return;
        }
        try {
            ByteBuffer head = ByteBuffer.allocate(256);
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // the header's first bytes: the magic and the version come first
            }
            String text = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
            int at = text.indexOf(VERSION_1_TEXT);
            int lineEnd = text.indexOf('\n');
            if (at >= 0 && (lineEnd < 0 || at < lineEnd)) {
                int digit = at + VERSION_1_TEXT.length() - 2;
                channel.write(ByteBuffer.wrap(new byte[] {(byte) ('0' + VERSION)}), digit);
                channel.force(false);
            }
            versionRaised = true;
        } catch (IOException | RuntimeException e) {
            throw new ImportException(
                    "Cannot raise the version of the run journal " + file + " to " + VERSION + ": " + e.getMessage(),
                    e);
        }
    }

    synchronized void append(Map<String, Object> entry) {
        byte[] line = (JsonLine.write(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            throw new ImportException(
                    "Cannot write to the run journal " + file + " (entry " + entry.get("entry") + "): " + e.getMessage()
                            + "; the run stops, since it could not be resumed without it",
                    e);
        }
    }

    /** Closes the file; what was appended stays. */
    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ImportException("Cannot close the run journal " + file + ": " + e.getMessage(), e);
        }
    }

    static Instant parseInstant(Object text) {
        return Instant.parse((String) text);
    }
}
