package io.pinpointimport.cli.internal;

import io.pinpointimport.BadRecordPolicy;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.TooManyRejectionsException;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.store.LocalShardStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code import}: the whole flow for existing files, or standard input. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import CSV or newline-delimited JSON files (or standard input) into a Pinpoint application:"
                    + " validate, write shards under the per-job limit, upload them to S3, start one import job per shard"
                    + " and watch each to its end.",
            "With --target customer-profiles: into an Amazon Connect Customer Profiles domain instead, one upload"
                    + " job per shard, one profile per user (see docs/customer-profiles.md); no bucket or role needed.",
            "With the default --max-rejections 0, any rejected record stops the run before a job starts: nothing is"
                    + " imported. Run 'validate' first for the full list of rejections."
        })
public final class ImportCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    InputOptions input;

    @Mixin
    TargetOptions target;

    @Option(
            names = "--app",
            paramLabel = "APP_ID",
            description = "Pinpoint application (project) id. Required with --target pinpoint.")
    String app;

    @Option(
            names = "--role-arn",
            paramLabel = "ARN",
            description = "IAM role Pinpoint assumes to read the shards from S3. Required with --target pinpoint.")
    String roleArn;

    @Option(
            names = "--bucket",
            paramLabel = "BUCKET",
            description = "S3 bucket the shards are uploaded to (in the application's region). Required with"
                    + " --target pinpoint.")
    String bucket;

    @Option(
            names = "--prefix",
            paramLabel = "PREFIX",
            description = "Key prefix for the shards, such as imports/ (each run adds its own folder). Default: none.")
    String prefix = S3ShardStore.DEFAULT_PREFIX;

    @Option(
            names = "--register-endpoints",
            negatable = true,
            fallbackValue = "true",
            description = "Create or update the endpoints in the application (RegisterEndpoints). Default: "
                    + JobOptions.DEFAULT_REGISTER_ENDPOINTS + ".")
    boolean registerEndpoints = JobOptions.DEFAULT_REGISTER_ENDPOINTS;

    @Option(
            names = "--define-segment",
            paramLabel = "NAME",
            description = "Also create a segment named NAME with each job's endpoints (DefineSegment, SegmentName).")
    String defineSegment;

    @Option(
            names = "--segment-id",
            paramLabel = "ID",
            description = "Add the imported endpoints to this existing segment (SegmentId).")
    String segmentId;

    @Option(
            names = "--max-shard-size",
            paramLabel = "SIZE",
            converter = ByteSize.class,
            description = "Largest shard, hence job, such as 100MB or 1GB (powers of 1000; KiB, MiB, GiB for 1024)."
                    + " Default: 950000000 bytes, under the service's 1 GB per import job.")
    long maxShardBytes = ShardWriter.DEFAULT_MAX_SHARD_BYTES;

    @Option(
            names = "--max-jobs",
            paramLabel = "N",
            description = "Most import jobs running at once (the account's quota is small). Default: "
                    + JobLimit.DEFAULT_MAX_RUNNING + ".")
    int maxJobs = JobLimit.DEFAULT_MAX_RUNNING;

    @Mixin
    RejectionOptions rejectionOptions;

    @Mixin
    ServiceFailuresOption serviceFailures;

    @Mixin
    AwsOptions aws;

    @Mixin
    S3Options s3;

    @Mixin
    JsonOption json;

    @Option(
            names = "--journal-dir",
            paramLabel = "DIR",
            defaultValue = "${env:" + RunFiles.JOURNAL_DIR_ENV + "}",
            description = "Keep a journal of the run in DIR (created owner-only if missing), so that a run killed,"
                    + " stopped or failed can be continued with 'resume RUN_ID': nothing lost, no shard imported"
                    + " twice. Default: the environment variable " + RunFiles.JOURNAL_DIR_ENV + "; without either,"
                    + " no journal and no resume.")
    Path journalDir;

    @Spec
    CommandSpec spec;

    // set by 'resume': the run to continue instead of starting one
    String resumeRunId;

    /**
     * @param context the run's context
     */
    public ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        checkTarget();
        if (resumeRunId == null) {
            Inputs.check(input);
        }
        Checks.atLeast("--max-jobs", maxJobs, 1);
        rejectionOptions.check();
        serviceFailures.check();
        Checks.maxShardSize("--max-shard-size", maxShardBytes);
        if (!target.profiles()) {
            Checks.bucket(bucket);
        }
        Checks.region(aws.region);
        Checks.endpointUrl("--endpoint-url", aws.endpointUrl);
        Checks.endpointUrl("--s3-endpoint-url", s3.s3EndpointUrl);

        ImportFormat format = input.outputFormat();
        for (String f : input.files) {
            if (input.formatOf(f) != format) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "the files mix CSV and JSON: import each format with its"
                                + " own command, or pass --format to read all of them as one format.");
            }
        }
        Path stdinDir = null;
        try (AwsClients clients = new AwsClients(context, aws);
                Rejections rejections = new Rejections(rejectionOptions, input.files, journalDir)) {
            List<Path> files = new ArrayList<>();
            for (String f : resumeRunId != null ? List.<String>of() : input.files) {
                if (InputOptions.STDIN.equals(f)) {
                    stdinDir = Files.createTempDirectory("pinpoint-import-stdin-");
                    files.add(copyStdin(stdinDir, format));
                } else {
                    files.add(Path.of(f));
                }
            }
            EndpointImporter.Builder b = importerBuilder(clients, format);
            Function<EndpointImporter, ImportRun> start;
            if (resumeRunId != null) {
                start = importer -> importer.resume(resumeRunId);
            } else if (journalDir != null) {
                start = importer -> {
                    ImportRun run = importer.importFiles(format, files);
                    RunFiles.saveArguments(context, journalDir, run.runId(), importArguments());
                    return run;
                };
            } else {
                start = importer -> importer.importFiles(format, files);
            }
            return run(context, json.json, b, start, rejections, serviceFailures.maxServiceFailures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(stdinDir);
        }
    }

    /**
     * The importer this command's options describe: target, store, format, limits, validation, job options and the
     * journal directory. 'resume' and 'resubmit' build it from a run's saved options, so that it is the run's.
     */
    EndpointImporter.Builder importerBuilder(AwsClients clients, ImportFormat format) {
        EndpointImporter.Builder b = EndpointImporter.builder();
        if (target.profiles()) {
            b.importTarget(CustomerProfilesImportTarget.builder()
                    .client(clients.customerProfiles())
                    .domainName(target.domain)
                    .dataExpiry(Duration.ofDays(target.dataExpiryDays))
                    .build());
            if (target.storeDir != null) {
                b.shardStore(
                        LocalShardStore.builder().directory(target.storeDir).build());
            }
        } else {
            S3ShardStore store;
            try {
                store = S3ShardStore.builder()
                        .s3(clients.s3(s3))
                        .bucket(bucket)
                        .prefix(prefix)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "--prefix " + Checks.quoted(prefix) + " cannot be used: " + e.getMessage() + ".",
                        e);
            }
            b.pinpoint(clients.pinpoint()).applicationId(app).roleArn(roleArn).shardStore(store);
        }
        b.format(format)
                .maxShardBytes(maxShardBytes)
                .validationLevel(input.level)
                .badRecordPolicy(BadRecordPolicy.failAfter(rejectionOptions.maxRejections))
                .jobLimit(JobLimit.of(maxJobs))
                .jobOptions(j -> {
                    j.registerEndpoints(registerEndpoints);
                    if (defineSegment != null) {
                        j.defineSegment(true).segmentName(defineSegment);
                    }
                    if (segmentId != null) {
                        j.segmentId(segmentId);
                    }
                });
        if (journalDir != null) {
            b.journalDirectory(RunFiles.journalDirectory(journalDir));
        }
        return b;
    }

    // The arguments of this subcommand as given (after the subcommand's name), for 'resume' to run it again.
    private List<String> importArguments() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        return all.subList(at + 1, all.size());
    }

    // Each target takes its own options; one meant for the other is a usage error, not silently ignored.
    private void checkTarget() {
        target.check(true);
        if (target.profiles()) {
            for (String[] given : new String[][] {
                {"--app", app},
                {"--role-arn", roleArn},
                {"--bucket", bucket},
                {"--define-segment", defineSegment},
                {"--segment-id", segmentId}
            }) {
                if (given[1] != null) {
                    throw new CliException(ExitCodes.USAGE, given[0] + " applies to --target pinpoint only.");
                }
            }
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String[] required :
                new String[][] {{"--app=APP_ID", app}, {"--role-arn=ARN", roleArn}, {"--bucket=BUCKET", bucket}}) {
            if (required[1] == null) {
                missing.add("'" + required[0] + "'");
            }
        }
        if (!missing.isEmpty()) {
            // all at once, as picocli says it, so that one try names everything that is missing
            throw new CliException(
                    ExitCodes.USAGE,
                    "Missing required option" + (missing.size() == 1 ? ": " : "s: ") + String.join(", ", missing));
        }
    }

    /**
     * Runs an import with progress on standard error and reports it.
     *
     * @param context streams
     * @param json whether to print JSON
     * @param builder the configured importer
     * @param start starts the run
     * @param rejections where rejections go
     * @param maxServiceFailures rows the service may fail
     * @return the exit code
     */
    static int run(
            CliContext context,
            boolean json,
            EndpointImporter.Builder builder,
            Function<EndpointImporter, ImportRun> start,
            Rejections rejections,
            long maxServiceFailures) {
        Outcome outcome = execute(context, builder, start, rejections);
        if (outcome.tooMany() != null) {
            return ImportReport.tooManyRejections(context, json, outcome.tooMany(), outcome.summary(), rejections);
        }
        return ImportReport.finished(context, json, outcome.summary(), rejections, maxServiceFailures);
    }

    /**
     * How a run ended: with its summary (after its clean-up), and the policy's exception when it stopped the run.
     *
     * @param summary the summary, whose figures add up to the records read
     * @param tooMany the policy's exception, or {@code null}
     */
    record Outcome(ImportSummary summary, TooManyRejectionsException tooMany) {}

    /**
     * Runs an import to its end with progress on standard error. A run stopped by anything but its policy is thrown
     * (see {@link Errors}) once the run id and what it left in S3 are on standard error.
     *
     * @param context streams
     * @param builder the configured importer
     * @param start starts the run
     * @param rejections hears every rejected record as it is read
     * @return how it ended
     */
    static Outcome execute(
            CliContext context,
            EndpointImporter.Builder builder,
            Function<EndpointImporter, ImportRun> start,
            Rejections rejections) {
        // Every rejection reaches the report (counts, first few, --rejects file) through the listener, however many
        // there are; the summary need not hold any, so memory stays flat on a file full of bad records.
        builder.listener(ImportReport.rejectionListener(rejections)).retainedRejections(0);
        try (Progress progress = Progress.open(context, "import", "records processed");
                EndpointImporter importer = builder.build()) {
            ImportRun run = start.apply(importer);
            // first, so that a run killed midway can still be found (its S3 objects are under its id) and resumed
            context.err().println("Import run " + run.runId() + " started.");
            context.err().flush();
            run.addListener(ImportReport.progressListener(progress));
            // The outcome completes once a stopped run has cleaned up, so the clients close after, never during.
            ImportSummary summary = run.outcome().join();
            if (summary.stopped().isEmpty()) {
                return new Outcome(summary, null);
            }
            Throwable cause = run.summary().handle((s, t) -> t).join();
            if (cause != null && Errors.unwrap(cause) instanceof TooManyRejectionsException tooMany) {
                return new Outcome(summary, tooMany);
            }
            progress.close();
            context.err()
                    .println(Errors.PREFIX + "import run " + summary.runId() + " stopped: "
                            + summary.stopped().get() + " (read " + summary.recordsRead() + ", rejected "
                            + summary.recordsRejected() + ", imported " + summary.recordsImported()
                            + ", failed in service "
                            + summary.recordsFailedInService() + ", failed with job " + summary.recordsFailedWithJob()
                            + ", not submitted " + summary.recordsNotSubmitted() + ").");
            ImportReport.leftInStore(context, summary);
            throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
        }
    }

    private Path copyStdin(Path dir, ImportFormat format) throws IOException {
        // The importer reads files; standard input is spooled to one, named so that rejections say "stdin".
        Path file = dir.resolve("stdin." + format.extension());
        InputStream in = context.in();
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary file is not worth failing the run for.
        }
    }
}
