package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.GetImportJobsResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobsResponse;

/** {@code jobs}: lists an application's import jobs (GetImportJobs), one page or all. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = {
            "List the import jobs of an application (GetImportJobs), in the order the service returns them.",
            "Prints one page; --all follows the service's NextToken to the last page."
        })
public final class JobsCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    AppOption app;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            description = "Jobs per page (the service's page-size). Default: the service's own page size.")
    Integer pageSize;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "Start at this page: the next-page token a previous listing printed.")
    String token;

    @Option(names = "--all", description = "Follow the next-page token until the last page.")
    boolean all;

    @Mixin
    AwsOptions aws;

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public JobsCommand(CliContext context) {
        this.context = context;
    }

    /** Document printed with {@code --json}. */
    record Listing(String applicationId, List<JobView> jobs, String nextToken) {}

    @Override
    public Integer call() {
        if (pageSize != null && pageSize < 1) {
            throw new CliException(ExitCodes.USAGE, "--page-size must be 1 or more.");
        }
        List<ImportJobResponse> jobs = new ArrayList<>();
        String next = token;
        try (AwsClients clients = new AwsClients(context, aws)) {
            PinpointAsyncClient pinpoint = clients.pinpoint();
            do {
                String pageToken = next;
                GetImportJobsResponse page = pinpoint.getImportJobs(r -> r.applicationId(app.app)
                                .pageSize(pageSize == null ? null : pageSize.toString())
                                .token(pageToken))
                        .join();
                ImportJobsResponse body = page.importJobsResponse();
                if (body != null && body.hasItem()) {
                    jobs.addAll(body.item());
                }
                next = body == null
                                || body.nextToken() == null
                                || body.nextToken().isEmpty()
                        ? null
                        : body.nextToken();
            } while (all && next != null);
        }
        if (json.json) {
            Json.print(
                    context.out(),
                    new Listing(app.app, jobs.stream().map(JobView::of).toList(), next));
            return ExitCodes.OK;
        }
        if (jobs.isEmpty()) {
            context.out().println("No import jobs in application " + app.app + ".");
        } else {
            Table t = Table.of("JOB ID", "STATUS", "CREATED", "PROCESSED", "FAILED", "PIECES", "FORMAT", "S3 URL");
            for (ImportJobResponse j : jobs) {
                t.row(
                        j.id(),
                        j.jobStatusAsString(),
                        j.creationDate(),
                        j.totalProcessed(),
                        j.totalFailures(),
                        pieces(j),
                        j.definition() == null ? null : j.definition().formatAsString(),
                        j.definition() == null ? null : j.definition().s3Url());
            }
            t.print(context.out());
        }
        if (next != null) {
            context.out()
                    .println("More jobs: pinpoint-import jobs --app " + app.app + " --token " + next + " (or --all)");
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    static String pieces(ImportJobResponse j) {
        if (j.totalPieces() == null) {
            return null;
        }
        int done = j.completedPieces() == null ? 0 : j.completedPieces();
        int failed = j.failedPieces() == null ? 0 : j.failedPieces();
        return done + failed + "/" + j.totalPieces() + (failed > 0 ? " (" + failed + " failed)" : "");
    }
}
