package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;

/** {@code job ID}: shows one import job (GetImportJob). */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"Show one import job (GetImportJob): status, counts, settings and the service's first failure"
            + " lines.", "Exits with " + ExitCodes.JOB_FAILED + " when the job ended FAILED."})
public final class JobCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "The import job id, as 'jobs' or 'import' printed it.")
    String jobId;

    @Mixin
    AppOption app;

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
            job = pinpoint.getImportJob(r -> r.applicationId(app.app).jobId(jobId)).join().importJobResponse();
        }
        if (json.json) {
            Json.print(context.out(), JobView.of(job));
        } else {
            print(context.out(), job);
        }
        return job.jobStatus() == JobStatus.FAILED ? ExitCodes.JOB_FAILED : ExitCodes.OK;
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
