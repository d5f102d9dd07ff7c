package io.pinpointimport.internal.journal;

import io.pinpointimport.ResumeException;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a journal says about its run, read back. A torn last line (the process died while appending it) is
 * ignored; any other line that cannot be read makes the whole journal corrupt. No promises: internal.
 */
public final class JournalState {
    private final Path file;
    private final JournalHeader header;
    private final NavigableMap<Integer, ShardState> shards;
    private final InputDone inputDone;
    private final String end;
    private final boolean abandoned;
    private final long validLength;

    /**
     * What the journal says about one shard.
     *
     * @param number the shard's number
     * @param written its {@code written} entry, or null
     * @param storedUrl the URL it was stored at, or null
     * @param storedSha256 the stored content's SHA-256, or null
     * @param jobId its job's id, or null
     * @param result its job's end, or null
     * @param error its job's last error text, or null
     * @param previousJobIds the ids of the jobs it had before it was resubmitted, oldest first (a refused create
     *     adds none); empty when it never was
     * @param resubmissions how many times it was resubmitted
     */
    public record ShardState(
            int number,
            Written written,
            String storedUrl,
            String storedSha256,
            String jobId,
            ImportResult result,
            String error,
            List<String> previousJobIds,
            int resubmissions) {
        /**
         * Copies the list.
         *
         * @param number the shard's number
         * @param written its {@code written} entry, or null
         * @param storedUrl the URL it was stored at, or null
         * @param storedSha256 the stored content's SHA-256, or null
         * @param jobId its job's id, or null
         * @param result its job's end, or null
         * @param error its job's last error text, or null
         * @param previousJobIds the ids of its jobs before it was resubmitted
         * @param resubmissions how many times it was resubmitted
         */
        public ShardState {
            previousJobIds = List.copyOf(previousJobIds);
        }

        /**
         * A shard never resubmitted.
         *
         * @param number the shard's number
         * @param written its {@code written} entry, or null
         * @param storedUrl the URL it was stored at, or null
         * @param storedSha256 the stored content's SHA-256, or null
         * @param jobId its job's id, or null
         * @param result its job's end, or null
         * @param error its job's last error text, or null
         */
        public ShardState(
                int number,
                Written written,
                String storedUrl,
                String storedSha256,
                String jobId,
                ImportResult result,
                String error) {
            this(number, written, storedUrl, storedSha256, jobId, result, error, List.of(), 0);
        }

        /** @return whether it was given a new job after an earlier one failed */
        public boolean resubmitted() {
            return resubmissions > 0;
        }

        /** @return whether it was stored */
        public boolean stored() {
            return storedUrl != null;
        }
    }

    /**
     * A {@code written} entry.
     *
     * @param records records in the shard
     * @param bytes its size
     * @param sha256 its SHA-256
     * @param firstRecordIndex input position of its first record
     * @param lastRecordIndex input position of its last record
     */
    public record Written(long records, long bytes, String sha256, long firstRecordIndex, long lastRecordIndex) {}

    /**
     * An {@code input-done} entry.
     *
     * @param read records read
     * @param rejected records rejected
     * @param submitted records submitted
     * @param shards shards written
     */
    public record InputDone(long read, long rejected, long submitted, int shards) {}

    private JournalState(
            Path file,
            JournalHeader header,
            NavigableMap<Integer, ShardState> shards,
            InputDone inputDone,
            String end,
            boolean abandoned,
            long validLength) {
        this.file = file;
        this.header = header;
        this.shards = Collections.unmodifiableNavigableMap(shards);
        this.inputDone = inputDone;
        this.end = end;
        this.abandoned = abandoned;
        this.validLength = validLength;
    }

    /** @return the journal file */
    public Path file() {
        return file;
    }

    /** @return its header */
    public JournalHeader header() {
        return header;
    }

    /** @return what it says of each shard, by number */
    public NavigableMap<Integer, ShardState> shards() {
        return shards;
    }

    /** @return the counts once the input was wholly read, or null when it was not */
    public InputDone inputDone() {
        return inputDone;
    }

    /** @return the last run-level entry ({@code ended}, {@code cancelled}, {@code stopped}), or null */
    public String end() {
        return end;
    }

    /** @return whether the run ended normally (its last run-level entry is {@code ended}) */
    public boolean ended() {
        return "ended".equals(end);
    }

    /** @return whether the run's bad-record policy tripped */
    public boolean abandoned() {
        return abandoned;
    }

    /** @return where the last complete line ends; appending starts there */
    public long validLength() {
        return validLength;
    }

    /**
     * @return how many shards, from shard 0 on without a gap, are stored; records up to the last of them need not
     *     be written again
     */
    public int storedPrefix() {
        int n = 0;
        while (shards.containsKey(n) && shards.get(n).stored() && shards.get(n).written() != null) {
            n++;
        }
        return n;
    }

    /**
     * Reads a journal.
     *
     * @param file the file
     * @param runId the run id it must belong to
     * @return what it says
     * @throws ResumeException when it is missing, not a journal of this library, of another run or version, or
     *     damaged anywhere but in its last line
     */
    public static JournalState read(Path file, String runId) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ResumeException(
                    runId,
                    "There is no journal for run " + runId + " (looked for " + file
                            + "); it cannot be resumed. Is the journal directory the one the run used?",
                    e);
        } catch (IOException e) {
            throw new ResumeException(runId, "Cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(decode(bytes, start, i, file, runId, lines.size() + 1));
                ends.add((long) i + 1);
                start = i + 1;
            }
        }
        // A last line without its line end was cut short by a crash while appending: ignore it.
        long validLength = start;
        Parser p = new Parser(file, runId);
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> entry;
            try {
                entry = JsonLine.read(lines.get(i));
            } catch (IllegalArgumentException e) {
                if (i == lines.size() - 1 && start == bytes.length) {
                    // the last complete-looking line is unreadable: torn too (a crash between write and force)
                    validLength = i == 0 ? 0 : ends.get(i - 1);
                    break;
                }
                throw p.corrupt(i + 1, e.getMessage());
            }
            p.accept(i + 1, entry);
        }
        if (p.header == null) {
            throw new ResumeException(
                    runId,
                    "The journal " + file + " is empty or has no header; it cannot be"
                            + " resumed (was the crash right at the start? then start the run again)");
        }
        return new JournalState(file, p.header, p.shards(), p.inputDone, p.end, p.abandoned, validLength);
    }

    private static String decode(byte[] bytes, int from, int to, Path file, String runId, int line) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            // kept as text that will not parse, so that the torn-last-line rule applies
            return "\u0000";
        }
    }

    /** Builds the state line by line. */
    private static final class Parser {
        final Path file;
        final String runId;
        JournalHeader header;
        final TreeMap<Integer, Mutable> shards = new TreeMap<>();
        InputDone inputDone;
        String end;
        boolean abandoned;

        Parser(Path file, String runId) {
            this.file = file;
            this.runId = runId;
        }

        ResumeException corrupt(int line, String why) {
            return new ResumeException(
                    runId,
                    "The journal " + file + " is corrupt at line " + line + " (" + why
                            + "); it cannot be resumed. Only a torn last line is tolerated");
        }

        void accept(int line, Map<String, Object> e) {
            try {
                if (line == 1) {
                    header(e);
                    return;
                }
                String kind = str(e, "entry");
                switch (kind) {
                    case "written" ->
                        shard(e).written = new Written(
                                num(e, "records"),
                                num(e, "bytes"),
                                str(e, "sha256"),
                                num(e, "firstRecordIndex"),
                                num(e, "lastRecordIndex"));
                    case "stored" -> {
                        Mutable m = shard(e);
                        m.storedUrl = str(e, "url");
                        m.storedSha256 = str(e, "sha256");
                    }
                    case "created" -> shard(e).jobId = str(e, "jobId");
                    case "finished" -> {
                        Mutable m = shard(e);
                        m.result = result(e);
                        m.jobId = m.result.jobId();
                        m.error = null;
                    }
                    case "failed" -> {
                        Mutable m = shard(e);
                        if (e.get("jobId") != null) {
                            m.jobId = str(e, "jobId");
                        }
                        m.error = str(e, "error");
                    }
                    case "input-done" ->
                        inputDone = new InputDone(
                                num(e, "read"), num(e, "rejected"), num(e, "submitted"), (int) num(e, "shards"));
                    case "ended", "cancelled", "stopped" -> end = kind;
                    case "abandoned" -> {
                        abandoned = true;
                        end = kind;
                    }
                    case "resubmitted" -> {
                        Mutable m = shard(e);
                        if (e.get("previousJobId") != null) {
                            m.previousJobIds.add(str(e, "previousJobId"));
                        }
                        m.resubmissions++;
                        m.jobId = null;
                        m.result = null;
                        m.error = null;
                    }
                    case "resumed" -> end = null;
                    default -> throw new IllegalArgumentException("unknown entry \"" + kind + "\"");
                }
            } catch (ResumeException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw corrupt(line, ex.getMessage());
            }
        }

        private void header(Map<String, Object> e) {
            if (!RunJournal.MAGIC.equals(e.get(RunJournal.MAGIC_KEY)) || !"header".equals(e.get("entry"))) {
                throw new ResumeException(
                        runId, "The file " + file + " is not a pinpoint-import run journal; it" + " cannot be resumed");
            }
            Object version = e.get("version");
            String readable = "versions " + RunJournal.OLDEST_READABLE_VERSION + " to " + RunJournal.VERSION;
            if (version instanceof Long v && v > RunJournal.VERSION) {
                throw new ResumeException(
                        runId,
                        "The journal " + file + " was written by a newer pinpoint-import (journal version " + v
                                + "; this one reads " + readable + "): resume, resubmit or report run " + runId
                                + " with that version or a newer one");
            }
            if (!(version instanceof Long v) || v < RunJournal.OLDEST_READABLE_VERSION) {
                throw new ResumeException(
                        runId,
                        "The journal " + file + " has version " + version + ", which no pinpoint-import writes (this"
                                + " one reads " + readable + ")");
            }
            String id = str(e, "runId");
            if (!id.equals(runId)) {
                throw new ResumeException(
                        runId,
                        "The journal " + file + " belongs to run " + id + ", not " + runId
                                + "; it cannot be resumed as that run");
            }
            Map<String, String> settings = new TreeMap<>();
            for (Map.Entry<String, Object> s : map(e, "settings").entrySet()) {
                settings.put(s.getKey(), (String) Objects.requireNonNull(s.getValue(), s.getKey()));
            }
            Map<String, Object> in = map(e, "input");
            JournalHeader.Input input;
            if ("memory".equals(in.get("kind"))) {
                input = JournalHeader.Input.memory();
            } else if ("files".equals(in.get("kind"))) {
                List<JournalHeader.FileStamp> files = new ArrayList<>();
                for (Object o : (List<?>) in.get("files")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> f = (Map<String, Object>) o;
                    files.add(new JournalHeader.FileStamp(Path.of(str(f, "path")), num(f, "size"), num(f, "modified")));
                }
                input = new JournalHeader.Input(ImportFormat.valueOf(str(in, "format")), files);
            } else {
                throw new IllegalArgumentException("unknown input kind " + in.get("kind"));
            }
            header = new JournalHeader(
                    id, Instant.parse(str(e, "startedAt")), new TreeMap<>(settings), str(e, "fingerprint"), input);
        }

        private Mutable shard(Map<String, Object> e) {
            int n = (int) num(e, "shard");
            if (n < 0) {
                throw new IllegalArgumentException("negative shard number");
            }
            return shards.computeIfAbsent(n, Mutable::new);
        }

        private static ImportResult result(Map<String, Object> e) {
            Map<String, Object> j = map(e, "job");
            JobSnapshot job = JobSnapshot.builder()
                    .id(str(j, "id"))
                    .s3Url((String) j.get("s3Url"))
                    .statusText((String) j.get("status"))
                    .status(j.get("state") instanceof String state ? JobStatus.fromText(state) : null)
                    .totalPieces(optInt(j, "totalPieces"))
                    .completedPieces(optInt(j, "completedPieces"))
                    .failedPieces(optInt(j, "failedPieces"))
                    .totalProcessed(optInt(j, "totalProcessed"))
                    .totalFailures(optInt(j, "totalFailures"))
                    .failures(strings(j.get("failures")))
                    .creationDate((String) j.get("creationDate"))
                    .completionDate((String) j.get("completionDate"))
                    .build();
            return ImportResult.builder()
                    .s3Url(str(e, "url"))
                    .shardNumber((int) num(e, "shard"))
                    .recordsSubmitted(num(e, "records"))
                    .adopted(Boolean.TRUE.equals(e.get("adopted")))
                    .job(job)
                    .queuedAt(Instant.parse(str(e, "queuedAt")))
                    .startedAt(Instant.parse(str(e, "startedAt")))
                    .createdAt(Instant.parse(str(e, "createdAt")))
                    .finishedAt(Instant.parse(str(e, "finishedAt")))
                    .build();
        }

        TreeMap<Integer, ShardState> shards() {
            TreeMap<Integer, ShardState> out = new TreeMap<>();
            shards.forEach((n, m) -> out.put(
                    n,
                    new ShardState(
                            n,
                            m.written,
                            m.storedUrl,
                            m.storedSha256,
                            m.jobId,
                            m.result,
                            m.error,
                            m.previousJobIds,
                            m.resubmissions)));
            return out;
        }

        private static String str(Map<String, Object> e, String key) {
            Object v = e.get(key);
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("\"" + key + "\" is missing or not text");
            }
            return s;
        }

        private static long num(Map<String, Object> e, String key) {
            Object v = e.get(key);
            if (!(v instanceof Long l)) {
                throw new IllegalArgumentException("\"" + key + "\" is missing or not a whole number");
            }
            return l;
        }

        private static Integer optInt(Map<String, Object> e, String key) {
            Object v = e.get(key);
            return v == null ? null : Math.toIntExact((Long) v);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(Map<String, Object> e, String key) {
            Object v = e.get(key);
            if (!(v instanceof Map)) {
                throw new IllegalArgumentException("\"" + key + "\" is missing or not an object");
            }
            return (Map<String, Object>) v;
        }

        private static List<String> strings(Object v) {
            if (v == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add((String) o);
            }
            return out;
        }
    }

    /** A shard's state while reading. */
    private static final class Mutable {
        Written written;
        String storedUrl;
        String storedSha256;
        String jobId;
        ImportResult result;
        String error;
        final List<String> previousJobIds = new ArrayList<>();
        int resubmissions;

        Mutable(int n) {}
    }
}
