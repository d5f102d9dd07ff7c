package io.pinpointimport.report;

import io.pinpointimport.ImportException;
import io.pinpointimport.ResumeException;
import io.pinpointimport.internal.journal.JournalState;
import io.pinpointimport.internal.journal.RunJournal;
import io.pinpointimport.internal.report.PlacementFile;
import io.pinpointimport.internal.report.PlacementReader;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The fate of every record of one run, read from the report the run kept beside its journal: an importer built with
 * a {@code journalDirectory} writes it unless {@code runReport(false)} is set. The report has two parts: where each
 * record went as the run read its input (rejected with its rule ids, or written to shard N), streamed to
 * {@code <runId>.placement}, and how each shard's job ended, which is the journal ({@code <runId>.journal}). The
 * outcome of each record is worked out here, in one streaming pass: memory stays flat whatever the run's size (the
 * shards' outcomes are held, a few per gigabyte; the records are streamed).
 *
 * <pre>{@code
 * RunReport report = RunReport.open(journalDirectory, runId);
 * try (Stream<RecordFate> failed = report.fates().filter(f -> f.outcome() == RecordOutcome.FAILED_IN_SERVICE)) {
 *     failed.forEach(f -> System.out.println(f.describe()));
 * }
 * }</pre>
 *
 * <p>A resumed run continues the same report. A run that is going on, or was killed and not resumed yet, has a report
 * of what it did so far: records it had not read yet are not in it, and its jobs' ends are those its journal saw.
 * Immutable and thread-safe; each stream reads the file anew and must be closed.
 */
public final class RunReport {
    private static final Pattern LINE = Pattern.compile(" line (\\d+): ");

    private final String runId;
    private final Path placementFile;
    private final boolean csv;
    private final boolean ended;
    private final @Nullable Long recordsRead;
    private final List<ShardOutcome> shards;

    private RunReport(String runId, Path placementFile, JournalState state) {
        this.runId = runId;
        this.placementFile = placementFile;
        this.csv = !"JSON".equals(state.header().settings().get("format"));
        this.ended = state.ended();
        this.recordsRead = state.inputDone() == null ? null : state.inputDone().read();
        List<ShardOutcome> list = new ArrayList<>();
        for (JournalState.ShardState s : state.shards().values()) {
            if (s.written() != null) {
                list.add(new ShardOutcome(s, csv));
            }
        }
        list.sort(Comparator.comparingLong(o -> o.first));
        this.shards = List.copyOf(list);
    }

    /**
     * Opens the report of a run.
     *
     * @param journalDirectory the journal directory the run used
     * @param runId the run's id
     * @return the report
     * @throws ImportException when the run has no journal or no report there (a run started without a journal, or
     *     with {@code runReport(false)}), or they cannot be read or are damaged; the message says which
     */
    public static RunReport open(Path journalDirectory, String runId) {
        Objects.requireNonNull(journalDirectory, "journalDirectory");
        Objects.requireNonNull(runId, "runId");
        Path placement = PlacementFile.fileOf(journalDirectory, runId);
        Path journal = RunJournal.fileOf(journalDirectory, runId);
        if (!Files.exists(journal)) {
            throw new ImportException(
                    "There is no run " + runId + " in " + journalDirectory + " (no " + journal.getFileName() + ")");
        }
        if (!Files.exists(placement)) {
            throw new ImportException("Run " + runId + " kept no report (no " + placement.getFileName() + " in "
                    + journalDirectory + "): it was started with the report turned off, or by a version without it");
        }
        JournalState state;
        try {
            state = JournalState.read(journal, runId);
        } catch (ResumeException e) {
            throw new ImportException(
                    "Cannot read the report of run " + runId + ": "
                            + e.getMessage().replace("; it cannot be resumed", ""),
                    e);
        }
        return new RunReport(runId, placement, state);
    }

    /** @return the run's id */
    public String runId() {
        return runId;
    }

    /** @return whether the run ended (its journal says so): every record's outcome is final */
    public boolean runEnded() {
        return ended;
    }

    /**
     * @return the records the run read, once it read its whole input (its journal says so); empty while it was still
     *     reading or when it stopped before the end of its input
     */
    public OptionalLong recordsRead() {
        return recordsRead == null ? OptionalLong.empty() : OptionalLong.of(recordsRead);
    }

    /**
     * Streams the fate of every record placed, in input order. Filter it as you need ({@code filter(f ->
     * f.endpointId().equals(Optional.of("u-17")))}); close it (try-with-resources) to let go of the file.
     *
     * @return the records' fates, read lazily
     * @throws ImportException when the report cannot be read, at once or while streaming
     */
    public Stream<RecordFate> fates() {
        PlacementReader reader = openReader();
        Walk walk = new Walk(reader);
        Spliterator<RecordFate> split =
                new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                    @Override
                    public boolean tryAdvance(Consumer<? super RecordFate> action) {
                        RecordFate f = walk.next();
                        if (f == null) {
                            return false;
                        }
                        action.accept(f);
                        return true;
                    }
                };
        return StreamSupport.stream(split, false).onClose(reader::close);
    }

    /**
     * @param recordIndex a record's 0-based position in the run's input
     * @return its fate, if the report places it; reads the report up to it
     */
    public Optional<RecordFate> fate(long recordIndex) {
        try (Stream<RecordFate> s = fates()) {
            return s.dropWhile(f -> f.recordIndex() < recordIndex)
                    .findFirst()
                    .filter(f -> f.recordIndex() == recordIndex);
        }
    }

    /**
     * Counts the records per outcome, in one pass over the report.
     *
     * @return the counts
     */
    public OutcomeCounts counts() {
        Map<RecordOutcome, Long> m = new EnumMap<>(RecordOutcome.class);
        try (Stream<RecordFate> s = fates()) {
            s.forEach(f -> m.merge(f.outcome(), 1L, Long::sum));
        }
        return new OutcomeCounts(m);
    }

    @Override
    public String toString() {
        return "RunReport{runId=" + runId + ", shards=" + shards.size() + ", ended=" + ended + "}";
    }

    private PlacementReader openReader() {
        try {
            return PlacementReader.open(placementFile, runId);
        } catch (NoSuchFileException e) {
            throw new ImportException("The report of run " + runId + " is gone (" + placementFile + ")", e);
        }
    }

    /** One pass over the placement file, shard by shard. */
    private final class Walk {
        private final PlacementReader reader;
        private int shardAt;
        private long row;

        Walk(PlacementReader reader) {
            this.reader = reader;
        }

        @Nullable
        RecordFate next() {
            if (!reader.next()) {
                return null;
            }
            long i = reader.index();
            if (reader.rejected()) {
                return fate(RecordOutcome.REJECTED, reader.rules(), -1, -1, null, null, null);
            }
            while (shardAt < shards.size() && shards.get(shardAt).last < i) {
                shardAt++;
                row = 0;
            }
            if (shardAt >= shards.size() || shards.get(shardAt).first > i) {
                return fate(
                        RecordOutcome.NOT_SUBMITTED,
                        List.of(),
                        -1,
                        -1,
                        null,
                        null,
                        "not in a finished shard: the run stopped while its shard was being written");
            }
            ShardOutcome s = shards.get(shardAt);
            long r = row++;
            String named = s.failuresByRow.get(r);
            return switch (s.kind) {
                case COMPLETED -> {
                    if (named != null) {
                        yield fate(RecordOutcome.FAILED_IN_SERVICE, List.of(), s.number, r, s.jobId, named, null);
                    }
                    if (s.failedRows > s.failuresByRow.size()) {
                        yield fate(
                                RecordOutcome.ROW_NOT_IDENTIFIED,
                                List.of(),
                                s.number,
                                r,
                                s.jobId,
                                null,
                                "job partially succeeded; row not identified (" + s.failedRows + " of " + s.records
                                        + " rows failed, " + s.failuresByRow.size() + " named)");
                    }
                    yield fate(RecordOutcome.IMPORTED, List.of(), s.number, r, s.jobId, null, null);
                }
                case FAILED ->
                    fate(RecordOutcome.FAILED_WITH_JOB, List.of(), s.number, r, s.jobId, named, "the job ended FAILED");
                case UNKNOWN_END ->
                    fate(RecordOutcome.FAILED_WITH_JOB, List.of(), s.number, r, s.jobId, null, s.detail);
                case NO_JOB -> fate(RecordOutcome.NOT_SUBMITTED, List.of(), s.number, r, null, null, s.detail);
            };
        }

        private RecordFate fate(
                RecordOutcome outcome,
                List<String> rules,
                int shard,
                long r,
                @Nullable String jobId,
                @Nullable String serviceLine,
                @Nullable String detail) {
            return new RecordFate(
                    reader.index(),
                    reader.source(),
                    reader.line(),
                    reader.endpointId(),
                    outcome,
                    rules,
                    shard,
                    r,
                    jobId,
                    serviceLine,
                    detail);
        }
    }

    private enum Kind {
        COMPLETED,
        FAILED,
        UNKNOWN_END,
        NO_JOB
    }

    /** A shard as the journal has it: its records' range and its job's end, with the failure lines by row. */
    private static final class ShardOutcome {
        final int number;
        final long first;
        final long last;
        final long records;
        final Kind kind;
        final @Nullable String jobId;
        final long failedRows;
        final @Nullable String detail;
        final Map<Long, String> failuresByRow = new HashMap<>();

        ShardOutcome(JournalState.ShardState s, boolean csv) {
            this.number = s.number();
            this.first = s.written().firstRecordIndex();
            this.last = s.written().lastRecordIndex();
            this.records = s.written().records();
            ImportResult result = s.result();
            this.jobId = result != null ? result.jobId() : s.jobId();
            if (result != null) {
                kind = result.status() == JobStatus.FAILED ? Kind.FAILED : Kind.COMPLETED;
                failedRows = result.recordsFailedInService();
                detail = null;
                for (String line : result.failures()) {
                    long row = rowNamed(line, s.storedUrl(), csv);
                    if (row >= 0 && row < records) {
                        failuresByRow.putIfAbsent(row, line);
                    }
                }
            } else if (s.jobId() != null) {
                kind = Kind.UNKNOWN_END;
                failedRows = 0;
                detail = "the job's end was not seen" + (s.error() == null ? "" : ": " + s.error());
            } else {
                kind = Kind.NO_JOB;
                failedRows = 0;
                detail = s.error() != null
                        ? "no job was created: " + s.error()
                        : s.stored() ? "stored, but no job was created" : "the shard was not stored";
            }
        }

        // Pinpoint's failure lines read "s3://bucket/key line 17: reason"; the line counts in the shard's file, whose
        // first line is the header for CSV. A line about another object, or naming no line, names no row.
        private static long rowNamed(String text, @Nullable String storedUrl, boolean csv) {
            if (text.startsWith("s3://") && storedUrl != null && !text.startsWith(storedUrl)) {
                return -1;
            }
            Matcher m = LINE.matcher(text);
            if (!m.find()) {
                return -1;
            }
            long line;
            try {
                line = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return -1;
            }
            return csv ? line - 2 : line - 1;
        }
    }
}
