package io.pinpointimport.cli.internal;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.JobRequest;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code runs}: the runs of a journal directory, unfinished first. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = {
            "List the import runs kept in a journal directory (import --journal-dir): the unfinished ones"
                    + " (killed, stopped or failed: continue them with 'resume RUN_ID') first, then the most recent finished"
                    + " ones.",
            "Exits with " + ExitCodes.OK + "; with " + ExitCodes.USAGE + " when no journal directory is"
                    + " given or it is not there."
        })
public final class RunsCommand implements Callable<Integer> {
    private static final String JOURNAL_SUFFIX = ".journal";

    private final CliContext context;

    @Mixin
    JournalDirOption journal;

    @Option(names = "--limit", paramLabel = "N", description = "Most finished runs to list, newest first. Default: 20.")
    int limit = 20;

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public RunsCommand(CliContext context) {
        this.context = context;
    }

    /** One run of the directory. */
    record RunView(String runId, boolean unfinished, boolean resumable, Instant lastWritten) {}

    @Override
    public Integer call() {
        Path journalDir = journal.require();
        Checks.atLeast("--limit", limit, 0);
        Set<String> unfinished = Set.copyOf(unfinishedRuns(journalDir));
        List<RunView> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(journalDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(JOURNAL_SUFFIX) || !Files.isRegularFile(f)) {
                    continue;
                }
                String runId = name.substring(0, name.length() - JOURNAL_SUFFIX.length());
                runs.add(new RunView(
                        runId,
                        unfinished.contains(runId),
                        Files.exists(journalDir.resolve(runId + RunFiles.ARGUMENTS_SUFFIX)),
                        Files.getLastModifiedTime(f).toInstant().truncatedTo(ChronoUnit.SECONDS)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Comparator<RunView> newestFirst =
                Comparator.comparing(RunView::lastWritten).reversed().thenComparing(RunView::runId);
        List<RunView> shown = new ArrayList<>(
                runs.stream().filter(RunView::unfinished).sorted(newestFirst).toList());
        runs.stream()
                .filter(r -> !r.unfinished())
                .sorted(newestFirst)
                .limit(limit)
                .forEach(shown::add);
        if (json.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("journalDirectory", journalDir.toString());
            doc.put(
                    "runs",
                    shown.stream()
                            .map(r -> {
                                Map<String, Object> run = new LinkedHashMap<>();
                                run.put("runId", r.runId());
                                run.put("unfinished", r.unfinished());
                                run.put("resumable", r.resumable());
                                run.put("lastWritten", r.lastWritten().toString());
                                return run;
                            })
                            .toList());
            Json.print(context.out(), doc);
        } else {
            print(context.out(), shown);
        }
        return ExitCodes.OK;
    }

    private static void print(PrintStream out, List<RunView> runs) {
        if (runs.isEmpty()) {
            out.println("No runs.");
        }
        for (RunView r : runs) {
            out.printf(
                    "%-36s %-10s %s%s%n",
                    r.runId(),
                    r.unfinished() ? "unfinished" : "finished",
                    r.lastWritten(),
                    r.unfinished() && !r.resumable() ? "  (not started by this tool: resume it with the library)" : "");
        }
        out.flush();
    }

    // The library tells which journals have no end; it needs an importer for that, one that never imports.
    private static List<String> unfinishedRuns(Path journalDir) {
        try (EndpointImporter reader = EndpointImporter.builder()
                .importTarget(new NoTarget())
                .shardStore(new NoStore())
                .journalDirectory(journalDir)
                .build()) {
            return reader.unfinishedRuns();
        }
    }

    /** A target for an importer that only reads journals. */
    private static final class NoTarget implements ImportTarget {
        @Override
        public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("reads journals only"));
        }

        @Override
        public CompletableFuture<JobSnapshot> getJob(String jobId) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("reads journals only"));
        }

        @Override
        public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("reads journals only"));
        }
    }

    /** A store for an importer that only reads journals. */
    private static final class NoStore implements ShardStore {
        @Override
        public CompletableFuture<StoredShard> store(String runId, Shard shard) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("reads journals only"));
        }
    }
}
