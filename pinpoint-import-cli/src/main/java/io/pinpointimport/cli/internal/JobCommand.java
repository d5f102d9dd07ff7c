package io.pinpointimport.cli.internal;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;

/** {@code job ID}: shows one import job (GetImportJob). */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Show one import job (GetImportJob): status, counts, settings and the service's first failure" + " lines.",
            "With --wait: first watch the job to its end, as 'import' watches its own jobs (the wait between"
                    + " checks grows with the job's age); the job may have been started by another process or machine.",
            "Exits with " + ExitCodes.JOB_FAILED + " when the job ended FAILED; with --wait, with "
                    + ExitCodes.SERVICE_ERROR + " when the job cannot be read (no such job, access denied, no network)."
        })
public final class JobCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "The import job id, as 'jobs' or 'import' printed it.")
    String jobId;

    @Mixin
    AppOption app;

    @Option(names = "--wait", description = "Watch the job until it ends (COMPLETED or FAILED), then show it.")
    boolean waitForEnd;

    @Mixin
    AwsOptions aws;

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public JobCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ImportJobResponse job;
        try (AwsClients clients = new AwsClients(context, aws)) {
            PinpointAsyncClient pinpoint = clients.pinpoint();
            if (waitForEnd) {
                waitForEnd(pinpoint);
            }
            job = pinpoint.getImportJob(r -> r.applicationId(app.app).jobId(jobId))
                    .join()
                    .importJobResponse();
        }
        if (json.json) {
            Json.print(context.out(), JobView.of(job));
        } else {
            print(context.out(), job);
        }
        return job.jobStatus() == JobStatus.FAILED ? ExitCodes.JOB_FAILED : ExitCodes.OK;
    }

    private void waitForEnd(PinpointAsyncClient pinpoint) {
        context.err().println("Waiting for import job " + jobId + " to end.");
        context.err().flush();
        EndpointImporter.Builder watcher = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(app.app)
                // only read for creating jobs, which a watch never does
                .roleArn(WATCH_ONLY_ROLE)
                .shardStore(new WatchOnlyStore());
        context.polling().ifPresent(watcher::polling);
        try (EndpointImporter importer = watcher.build()) {
            importer.watchJob(jobId)
                    .handle((r, t) -> {
                        Throwable cause = t == null ? null : Errors.unwrap(t);
                        if (cause == null || cause instanceof ImportJobFailedException) {
                            return null; // ended: shown below, FAILED with its exit code
                        }
                        throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
                    })
                    .join();
        }
    }

    private static final String WATCH_ONLY_ROLE = "arn:aws:iam::000000000000:role/pinpoint-import-watch-only";

    /** The store of an importer that only watches jobs: it never stores a shard. */
    private static final class WatchOnlyStore implements ShardStore {
        @Override
        public CompletableFuture<StoredShard> store(String runId, Shard shard) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("this importer only watches"));
        }

        @Override
        public String describe() {
            return "watch-only";
        }
    }

    private static void print(PrintStream out, ImportJobResponse j) {
        ImportJobResource d = j.definition();
        line(out, "Job", j.id());
        line(out, "Application", j.applicationId());
        line(out, "Status", j.jobStatusAsString());
        line(out, "Created", j.creationDate());
        line(out, "Completed", j.completionDate());
        line(out, "Pieces", JobsCommand.pieces(j));
        line(out, "Processed", j.totalProcessed());
        line(out, "Failed", j.totalFailures());
        if (d != null) {
            line(out, "Format", d.formatAsString());
            line(out, "S3 URL", d.s3Url());
            line(out, "Role ARN", d.roleArn());
            line(out, "Register", d.registerEndpoints());
            if (Boolean.TRUE.equals(d.defineSegment())) {
                line(out, "New segment", d.segmentName());
            }
            line(out, "Segment id", d.segmentId());
        }
        if (j.hasFailures() && !j.failures().isEmpty()) {
            out.println("Failures (the service's first " + j.failures().size() + "):");
            j.failures().forEach(f -> out.println("  " + f));
        }
        out.flush();
    }

    private static void line(PrintStream out, String name, Object value) {
        if (value != null) {
            out.printf("%-12s %s%n", name + ":", value);
        }
    }
}
