package io.pinpointimport.cli.internal;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.job.ImportResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resubmit RUN_ID}: a new import job for a stored shard whose job failed, from the stored object. */
@Command(
        name = "resubmit",
        mixinStandardHelpOptions = true,
        description = {
            "Give a stored shard of an import run started with --journal-dir a new import job, from the object the run"
                    + " stored, without reading the input again: for a job that failed for a cause outside the data (a"
                    + " role the service could not use, a service fault, a FAILED job). The run's journal records the"
                    + " new job in place of the failed one; a shard whose job succeeded, or whose job may still be"
                    + " running, is refused, so running this twice never makes a second job. Rows the service failed in"
                    + " a COMPLETED job are the data's: fix and import them again instead.",
            "Exits with 0 when every new job COMPLETED (or --failed found nothing to do), " + ExitCodes.USAGE
                    + " when a shard is refused (never stored, no longer stored, its job succeeded or has no"
                    + " recorded end, the run is going on) or the run is not in the journal directory, "
                    + ExitCodes.JOB_FAILED + " when a new job ended FAILED, " + ExitCodes.SERVICE_ERROR
                    + " when a job could not be created or followed; with several shards, the largest of these."
        })
public final class ResubmitCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run's id, as 'import' or 'runs' printed it.")
    String runId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** One shard, or every shard whose job failed. */
    static final class Which {
        @Option(
                names = "--shard",
                paramLabel = "N",
                required = true,
                description = "The shard to resubmit, as the import's jobs list numbers it (from 0).")
        Integer shard;

        @Option(
                names = "--failed",
                required = true,
                description = "Every shard of the run whose job failed; shards whose jobs succeeded are left alone.")
        boolean failed;
    }

    @Mixin
    JournalDirOption journal;

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public ResubmitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path journalDir = journal.require();
        if (which.shard != null && which.shard < 0) {
            throw new CliException(ExitCodes.USAGE, "--shard must be 0 or more, was " + which.shard + ".");
        }
        List<String> arguments = RunFiles.loadArguments(journalDir, runId);
        ImportCommand command = new ImportCommand(context);
        try {
            new CommandLine(command).parseArgs(arguments.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "the saved options of run " + runId + " are not valid for this version: " + e.getMessage(),
                    e);
        }
        command.journalDir = journalDir;
        SortedMap<Integer, Outcome> outcomes = new TreeMap<>();
        try (AwsClients clients = new AwsClients(context, command.aws);
                EndpointImporter importer = command.importerBuilder(clients, command.input.outputFormat())
                        .build()) {
            SortedMap<Integer, CompletableFuture<ImportResult>> jobs;
            if (which.failed) {
                jobs = importer.resubmitFailed(runId);
                if (jobs.isEmpty()) {
                    context.err().println("No shard of run " + runId + " has a failed job: nothing to resubmit.");
                }
            } else {
                jobs = new TreeMap<>(Map.of(which.shard, importer.resubmit(runId, which.shard)));
            }
            if (!jobs.isEmpty()) {
                context.err()
                        .println("Resubmitting shard" + (jobs.size() == 1 ? " " : "s ") + joined(jobs.keySet())
                                + " of run " + runId + " from the store; waiting for the new job"
                                + (jobs.size() == 1 ? "" : "s") + " to end.");
            }
            context.err().flush();
            jobs.forEach((n, job) -> outcomes.put(n, outcome(job)));
        }
        int exit = ExitCodes.OK;
        for (Outcome o : outcomes.values()) {
            exit = Math.max(exit, o.exitCode());
        }
        if (json.json) {
            Json.print(context.out(), document(outcomes));
        } else {
            print(context.out(), outcomes);
        }
        for (Map.Entry<Integer, Outcome> e : outcomes.entrySet()) {
            if (e.getValue().error() != null) {
                context.err().println(Errors.PREFIX + e.getValue().error());
            }
        }
        context.err().flush();
        return exit;
    }

    /**
     * How one shard's new job ended.
     *
     * @param result the job's result, when it ended (COMPLETED or FAILED)
     * @param error why there is none, or null
     * @param exitCode this shard's exit code
     */
    private record Outcome(ImportResult result, String error, int exitCode) {}

    private static Outcome outcome(CompletableFuture<ImportResult> job) {
        try {
            ImportResult r = job.join();
            return new Outcome(r, null, ExitCodes.OK);
        } catch (CompletionException | CancellationException e) {
            Throwable cause = Errors.unwrap(e);
            if (cause instanceof ImportJobFailedException failed
                    && failed.result().isPresent()) {
                return new Outcome(failed.result().get(), null, ExitCodes.JOB_FAILED);
            }
            CliException explained = Errors.explain(cause);
            return new Outcome(null, explained.getMessage(), explained.exitCode());
        }
    }

    private static String joined(Iterable<Integer> numbers) {
        List<String> out = new ArrayList<>();
        numbers.forEach(n -> out.add(Integer.toString(n)));
        return String.join(", ", out);
    }

    private void print(PrintStream out, SortedMap<Integer, Outcome> outcomes) {
        for (Map.Entry<Integer, Outcome> e : outcomes.entrySet()) {
            ImportResult r = e.getValue().result();
            if (r == null) {
                out.println("Shard " + e.getKey() + ": not resubmitted (see below).");
                continue;
            }
            out.println("Shard " + e.getKey() + ": job " + r.jobId() + " " + r.status() + ", "
                    + r.totalProcessed().orElse(0) + " processed, "
                    + r.totalFailures().orElse(0) + " failed.");
            if (!r.failures().isEmpty()) {
                out.println("  Failures (the service's first " + r.failures().size() + "):");
                r.failures().forEach(f -> out.println("    " + f));
            }
        }
        out.flush();
    }

    private Map<String, Object> document(SortedMap<Integer, Outcome> outcomes) {
        List<Object> shards = new ArrayList<>();
        outcomes.forEach((n, o) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shard", n);
            ImportResult r = o.result();
            if (r != null) {
                m.put("jobId", r.jobId());
                m.put("status", r.status().name());
                m.put("s3Url", r.s3Url());
                m.put("totalProcessed", r.totalProcessed().orElse(0));
                m.put("totalFailures", r.totalFailures().orElse(0));
                m.put("failures", r.failures());
            } else {
                m.put("error", o.error());
            }
            m.put("exitCode", o.exitCode());
            shards.add(m);
        });
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runId", runId);
        doc.put("shards", shards);
        return doc;
    }
}
