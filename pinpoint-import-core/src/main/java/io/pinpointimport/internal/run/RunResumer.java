package io.pinpointimport.internal.run;

import io.pinpointimport.ImportException;
import io.pinpointimport.ResumeException;
import io.pinpointimport.internal.journal.Fingerprint;
import io.pinpointimport.internal.journal.JournalHeader;
import io.pinpointimport.internal.journal.JournalState;
import io.pinpointimport.internal.journal.RunJournal;
import io.pinpointimport.model.EndpointDefinition;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything about continuing a run from its journal, in one place: which runs are unfinished, whether a run may be
 * resumed by this importer (its settings, its input files, its in-memory input), and the reopened journal and input
 * a resumed {@link RunExecution} starts from. The façade asks once and launches what it gets. No promises: internal.
 */
public final class RunResumer {
    private final Path journalDirectory;
    private final Clock clock;

    /**
     * @param journalDirectory the importer's journal directory, or {@code null} when it keeps no journal
     * @param clock the importer's clock, for the reopened journal's entries
     */
    public RunResumer(Path journalDirectory, Clock clock) {
        this.journalDirectory = journalDirectory;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a resumed run starts from.
     *
     * @param state the journal as read
     * @param journal the journal reopened for appending
     * @param source the input to read again, or {@code null} when every shard is stored and nothing need be read
     */
    public record Resumption(JournalState state, RunJournal journal, RecordSource source) {}

    /**
     * Checks that a run may be resumed with these settings and prepares it.
     *
     * @param runId the run's id
     * @param stillGoing whether the run is live in this importer
     * @param settings this importer's settings
     * @param again the run's in-memory input handed again, or {@code null}
     * @return the journal and the input to start from
     * @throws ResumeException when there is no journal directory or journal, the run is still going, the journal is
     *     damaged, the run was abandoned, a setting differs, an input file changed, or in-memory input is needed or
     *     was given wrongly
     */
    public Resumption prepare(
            String runId, boolean stillGoing, RunSettings settings, Iterable<? extends EndpointDefinition> again) {
        if (journalDirectory == null) {
            throw new ResumeException(
                    runId,
                    "Cannot resume run " + runId + ": this importer has no journal"
                            + " directory; build it with journalDirectory(...) set to the directory the run used");
        }
        if (stillGoing) {
            throw new ResumeException(runId, "Run " + runId + " is still going in this importer");
        }
        JournalState state = JournalState.read(RunJournal.fileOf(journalDirectory, runId), runId);
        if (state.abandoned()) {
            throw new ResumeException(
                    runId,
                    "Run " + runId + " was abandoned: its bad-record policy tripped and"
                            + " its stored shards were deleted, so there is nothing to continue. Fix the input (or relax"
                            + " the policy) and start a new run");
        }
        checkSettings(runId, state, settings.fingerprinted(), "resume run " + runId, "so the shards would differ");
        JournalHeader.Input input = state.header().input();
        RecordSource source;
        if (!input.inMemory()) {
            if (again != null) {
                throw new ResumeException(
                        runId,
                        "Run " + runId + " was started from files; resume it with"
                                + " resume(runId), which reads the files again");
            }
            checkFiles(runId, input);
            source = RecordSource.ofFiles(
                    input.files().stream().map(JournalHeader.FileStamp::path).toList(), input.format());
        } else if (again != null) {
            source = RecordSource.of(again.iterator(), null);
        } else if (state.inputDone() != null
                && state.storedPrefix() == state.inputDone().shards()) {
            source = null;
        } else {
            throw new ResumeException(
                    runId,
                    "Run " + runId + " was started from records given in memory, and it"
                            + " stopped before all of them were sharded and stored: a stream given in memory cannot be"
                            + " read again by the library. Hand the same records, in the same order, to"
                            + " resume(runId, sameDefinitions)");
        }
        RunJournal journal;
        try {
            journal = RunJournal.reopen(state.file(), runId, state.validLength(), clock);
        } catch (RuntimeException e) {
            if (source != null) {
                source.close();
            }
            throw e;
        }
        return new Resumption(state, journal, source);
    }

    /**
     * @return the ids of the runs whose journal has no end and was not abandoned (a damaged journal is listed:
     *     resuming it says what is wrong with it), sorted; empty without a journal directory
     */
    public List<String> unfinishedRuns() {
        if (journalDirectory == null || !Files.isDirectory(journalDirectory)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(journalDirectory, "*" + RunJournal.SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String runId = name.substring(0, name.length() - RunJournal.SUFFIX.length());
                try {
                    JournalState st = JournalState.read(f, runId);
                    if (!st.ended() && !st.abandoned()) {
                        out.add(runId);
                    }
                } catch (ResumeException e) {
                    out.add(runId);
                }
            }
        } catch (IOException e) {
            throw new ImportException(
                    "Cannot list the journal directory " + journalDirectory + ": " + e.getMessage(), e);
        }
        Collections.sort(out);
        return out;
    }

    /**
     * @param runId the run
     * @param state its journal
     * @param now this importer's settings
     * @param what what cannot be done, such as {@code "resume run R"}
     * @param why why the settings must be the run's
     * @throws ResumeException naming each setting that differs
     */
    static void checkSettings(String runId, JournalState state, Map<String, String> now, String what, String why) {
        if (Fingerprint.of(now).equals(state.header().fingerprint())) {
            return;
        }
        Map<String, String> then = state.header().settings();
        List<String> diffs = new ArrayList<>();
        Set<String> names = new TreeSet<>(then.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            if (!Objects.equals(then.get(name), now.get(name))) {
                diffs.add(name + " (run: " + then.get(name) + "; this importer: " + now.get(name) + ")");
            }
        }
        if (diffs.isEmpty()) {
            diffs.add("the journal's settings do not match its own fingerprint");
        }
        throw new ResumeException(
                runId,
                "Cannot " + what + " with this importer: its settings differ from the run's, " + why
                        + ". Differing: " + String.join("; ", diffs)
                        + ". Build the importer with the run's settings");
    }

    private static void checkFiles(String runId, JournalHeader.Input input) {
        for (JournalHeader.FileStamp f : input.files()) {
            JournalHeader.FileStamp now = JournalHeader.FileStamp.of(f.path());
            if (now.size() < 0) {
                throw new ResumeException(
                        runId,
                        "Cannot resume run " + runId + ": its input file " + f.path() + " is gone or cannot be read");
            }
            if (now.size() != f.size() || now.modifiedMillis() != f.modifiedMillis()) {
                throw new ResumeException(
                        runId,
                        "Cannot resume run " + runId + ": its input file " + f.path()
                                + " changed since the run started (size " + f.size() + " -> " + now.size()
                                + ", modified " + Instant.ofEpochMilli(f.modifiedMillis()) + " -> "
                                + Instant.ofEpochMilli(now.modifiedMillis())
                                + "); the shards would differ. Restore it or"
                                + " start a new run");
            }
        }
    }
}
