package io.pinpointimport.cli.internal;

import io.pinpointimport.ImportSummary;
import io.pinpointimport.JobError;
import io.pinpointimport.TooManyRejectionsException;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.validation.Rejection;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * What {@code import} and {@code demo} print about a run: progress while it goes, then the summary (records read,
 * rejected, submitted; one line per job) as text or JSON, and the exit code it deserves.
 */
public final class ImportReport {
    private ImportReport() {}

    /**
     * @param rejections where rejections are recorded
     * @return a listener that records every rejected record there, as the run reads it
     */
    public static ImportListener rejectionListener(Rejections rejections) {
        return new ImportListener() {
            @Override
            public void recordRejected(List<Rejection> forOneRecord) {
                rejections.add(forOneRecord);
            }
        };
    }

    /**
     * @param progress where progress goes
     * @return a listener that feeds it: records the service processed out of those submitted
     */
    public static ImportListener progressListener(Progress progress) {
        return new ImportListener() {
            @Override
            public void progress(ImportProgress p) {
                progress.update(
                        p.processed(),
                        p.inputDone() ? p.recordsSubmitted() : -1,
                        "read " + p.recordsRead() + ", rejected " + p.recordsRejected() + ", shards "
                                + p.shardsStored() + "/" + p.shardsWritten() + " stored, jobs " + p.jobsEnded() + "/"
                                + p.jobsStarted() + " ended");
            }
        };
    }

    /**
     * Document printed with {@code --json}. {@code recordsRead = recordsRejected + recordsImported +
     * recordsFailedInService + recordsFailedWithJob + recordsNotSubmitted}, always; {@code serviceProcessed} and
     * {@code serviceFailed} are the service's own counts, as it reported them.
     */
    record Summary(
            String runId,
            long recordsRead,
            long recordsRejected,
            long recordsImported,
            long recordsFailedInService,
            long recordsFailedWithJob,
            long recordsNotSubmitted,
            long recordsSubmitted,
            int shards,
            int jobsCompleted,
            int jobsFailed,
            long serviceProcessed,
            long serviceFailed,
            long durationMillis,
            String stopped,
            String leftInStore,
            List<Job> jobs,
            List<JobFailure> jobErrors,
            List<RejectionView> firstRejections,
            String rejectsFile) {}

    /**
     * One job of the run.
     *
     * @param shard shard number
     * @param jobId the service's job id
     * @param status COMPLETED or FAILED
     * @param records records in the shard
     * @param imported records imported
     * @param failedInService rows the service failed in a completed job
     * @param failedWithJob records of a FAILED job
     * @param processed the service's TotalProcessed
     * @param failed the service's TotalFailures
     * @param s3Url what the job read
     * @param failures the service's failure lines
     */
    record Job(
            int shard,
            String jobId,
            String status,
            Long records,
            long imported,
            long failedInService,
            long failedWithJob,
            Integer processed,
            Integer failed,
            String s3Url,
            List<String> failures) {
        static Job of(ImportResult r) {
            return new Job(
                    r.shardNumber(),
                    r.jobId(),
                    r.status().name(),
                    r.recordsSubmitted().isPresent() ? r.recordsSubmitted().getAsLong() : null,
                    r.recordsImported(),
                    r.recordsFailedInService(),
                    r.recordsFailedWithJob(),
                    boxed(r.totalProcessed()),
                    boxed(r.totalFailures()),
                    r.s3Url(),
                    r.failures().isEmpty() ? null : r.failures());
        }
    }

    /**
     * A job that never reached a terminal status.
     *
     * @param shard shard number
     * @param jobId the job id, if it was created
     * @param records records in the shard
     * @param s3Url where the shard is
     * @param error what went wrong and what to do next
     */
    record JobFailure(int shard, String jobId, long records, String s3Url, String error) {
        static JobFailure of(JobError e) {
            return new JobFailure(
                    e.shardNumber(),
                    e.jobId().orElse(null),
                    e.records(),
                    e.s3Url(),
                    Errors.explain(Errors.unwrap(e.cause())).getMessage());
        }
    }

    private static Integer boxed(OptionalInt i) {
        return i.isPresent() ? i.getAsInt() : null;
    }

    /**
     * Prints a finished run and works out the exit code.
     *
     * @param context streams
     * @param json whether to print JSON
     * @param summary the run's summary
     * @param rejections the run's rejections, already recorded by {@link #rejectionListener}
     * @param maxServiceFailures rows the service may fail, from {@code --max-service-failures}
     * @return see {@link #exitCode}
     */
    public static int finished(
            CliContext context, boolean json, ImportSummary summary, Rejections rejections, long maxServiceFailures) {
        if (json) {
            Json.print(context.out(), document(summary, rejections));
        } else {
            print(context.out(), summary, rejections);
        }
        return exitCode(context, summary, maxServiceFailures);
    }

    /**
     * @param summary a finished run
     * @param rejections its rejections, already recorded
     * @return the JSON document for it
     */
    static Summary document(ImportSummary summary, Rejections rejections) {
        return new Summary(
                summary.runId(),
                summary.recordsRead(),
                summary.recordsRejected(),
                summary.recordsImported(),
                summary.recordsFailedInService(),
                summary.recordsFailedWithJob(),
                summary.recordsNotSubmitted(),
                summary.recordsSubmitted(),
                summary.shards(),
                summary.jobsCompleted(),
                summary.jobsFailed(),
                summary.serviceProcessed(),
                summary.serviceFailed(),
                summary.duration().toMillis(),
                summary.stopped().orElse(null),
                summary.leftInStore().orElse(null),
                results(summary).stream().map(Job::of).toList(),
                errors(summary).stream().map(JobFailure::of).toList(),
                rejections.first().stream().map(RejectionView::of).toList(),
                rejections.fileName());
    }

    /**
     * Says on standard error why a run did not succeed, if it did not.
     *
     * @param context streams
     * @param summary a finished run
     * @param maxServiceFailures rows the service may fail in completed jobs
     * @return {@link ExitCodes#JOB_FAILED} when a job ended FAILED, {@link ExitCodes#SERVICE_ERROR} when a job could
     *     not be carried to its end (records not submitted, or their outcome unknown),
     *     {@link ExitCodes#SERVICE_FAILURES} when the service failed more rows than allowed, else {@link ExitCodes#OK}
     *     (with a note when the input held no record at all)
     */
    static int exitCode(CliContext context, ImportSummary summary, long maxServiceFailures) {
        List<JobError> errors = errors(summary);
        if (summary.jobsFailed() > 0) {
            context.err()
                    .println(Errors.PREFIX + summary.jobsFailed() + " import job"
                            + (summary.jobsFailed() == 1 ? "" : "s")
                            + " ended FAILED. See the failures above, or 'pinpoint-import job ID --app APP_ID'.");
            return ExitCodes.JOB_FAILED;
        }
        if (!errors.isEmpty()) {
            context.err()
                    .println(Errors.PREFIX + errors.size() + " import job" + (errors.size() == 1 ? "" : "s")
                            + " could not be carried to the end: "
                            + JobFailure.of(errors.get(0)).error());
            return ExitCodes.SERVICE_ERROR;
        }
        if (summary.recordsNotSubmitted() > 0) {
            context.err()
                    .println(Errors.PREFIX + summary.recordsNotSubmitted() + " valid record"
                            + (summary.recordsNotSubmitted() == 1 ? " was" : "s were") + " not submitted to any job.");
            return ExitCodes.SERVICE_ERROR;
        }
        if (summary.recordsFailedInService() > maxServiceFailures) {
            long n = summary.recordsFailedInService();
            context.err()
                    .println(Errors.PREFIX + n + " record" + (n == 1 ? " was" : "s were") + " failed by the"
                            + " service, more than --max-service-failures " + maxServiceFailures
                            + ". See each job's failure"
                            + " lines above, or 'pinpoint-import job ID --app APP_ID'.");
            return ExitCodes.SERVICE_FAILURES;
        }
        if (summary.recordsRead() == 0) {
            // not a failure (an export with nothing new is one), but an empty or header-only file by mistake looks
            // exactly like a successful import without this line
            context.err()
                    .println(Errors.PREFIX + "note: the input held no records (an empty file, or a header only), so"
                            + " nothing was imported.");
        }
        return ExitCodes.OK;
    }

    private static List<ImportResult> results(ImportSummary summary) {
        return summary.results().stream()
                .sorted(Comparator.comparingInt(ImportResult::shardNumber))
                .toList();
    }

    private static List<JobError> errors(ImportSummary summary) {
        return summary.jobErrors().stream()
                .sorted(Comparator.comparingInt(JobError::shardNumber))
                .toList();
    }

    /**
     * Reports a run stopped by {@code --max-rejections}: nothing was imported.
     *
     * @param context streams
     * @param json whether to print JSON
     * @param e the library's exception
     * @param summary the run's summary after its clean-up
     * @param rejections the run's rejections, already recorded by {@link #rejectionListener}
     * @return {@link ExitCodes#REJECTIONS}
     */
    public static int tooManyRejections(
            CliContext context,
            boolean json,
            TooManyRejectionsException e,
            ImportSummary summary,
            Rejections rejections) {
        // The run stops at the first rejection past the limit: the listener heard those found until then.
        if (json) {
            Json.print(
                    context.out(),
                    new Stopped(
                            "rejections",
                            e.maxRejected(),
                            summary.runId(),
                            summary.recordsRead(),
                            summary.recordsRejected(),
                            summary.recordsImported(),
                            summary.recordsFailedInService(),
                            summary.recordsFailedWithJob(),
                            summary.recordsNotSubmitted(),
                            summary.leftInStore().orElse(null),
                            rejections.first().stream().map(RejectionView::of).toList(),
                            rejections.fileName()));
        } else {
            ValidateCommand.printRejections(context.out(), rejections);
        }
        context.err()
                .println(Errors.PREFIX + "import run " + summary.runId() + " stopped: more than"
                        + " --max-rejections " + e.maxRejected()
                        + " records were rejected, so nothing was imported. Fix them"
                        + " (run 'pinpoint-import validate --rejects FILE' for the full list), or raise --max-rejections to"
                        + " import without them.");
        leftInStore(context, summary);
        return ExitCodes.REJECTIONS;
    }

    /**
     * Says on standard error what a stopped run left in S3, if anything.
     *
     * @param context streams
     * @param summary the run's summary
     */
    static void leftInStore(CliContext context, ImportSummary summary) {
        summary.leftInStore().ifPresent(left -> context.err().println(Errors.PREFIX + "note: " + left + "."));
    }

    /**
     * Document printed with {@code --json} when a run stopped before importing: the same five figures as
     * {@link Summary}, which add up to {@code recordsRead}.
     */
    record Stopped(
            String stoppedBy,
            long maxRejections,
            String runId,
            long recordsRead,
            long recordsRejected,
            long recordsImported,
            long recordsFailedInService,
            long recordsFailedWithJob,
            long recordsNotSubmitted,
            String leftInStore,
            List<RejectionView> firstRejections,
            String rejectsFile) {}

    /**
     * Prints a finished run as text.
     *
     * @param out standard output
     * @param s the summary
     * @param rejections its rejections, already recorded
     */
    static void print(PrintStream out, ImportSummary s, Rejections rejections) {
        List<ImportResult> results = results(s);
        List<JobError> errors = errors(s);
        out.printf(
                "Import run %s finished in %.1f s.%n", s.runId(), s.duration().toMillis() / 1000.0);
        out.printf("  records read      %d%n", s.recordsRead());
        out.printf("  rejected          %d%n", s.recordsRejected());
        out.printf("  imported          %d%n", s.recordsImported());
        out.printf("  failed in service %d (rows of completed jobs)%n", s.recordsFailedInService());
        out.printf("  failed with job   %d (jobs FAILED or without a known end)%n", s.recordsFailedWithJob());
        out.printf("  not submitted     %d%n", s.recordsNotSubmitted());
        out.printf(
                "  submitted         %d in %d shard%s%n", s.recordsSubmitted(), s.shards(), s.shards() == 1 ? "" : "s");
        out.printf(
                "  jobs              %d completed, %d failed%s%n",
                s.jobsCompleted(), s.jobsFailed(), errors.isEmpty() ? "" : ", " + errors.size() + " not finished");
        out.printf("  service           %d processed, %d failed%n", s.serviceProcessed(), s.serviceFailed());
        if (!results.isEmpty() || !errors.isEmpty()) {
            out.println();
            Table t = Table.of("SHARD", "JOB ID", "STATUS", "RECORDS", "PROCESSED", "FAILED", "S3 URL");
            for (ImportResult r : results) {
                Job j = Job.of(r);
                t.row(j.shard(), j.jobId(), j.status(), j.records(), j.processed(), j.failed(), j.s3Url());
            }
            for (JobError e : errors) {
                t.row(e.shardNumber(), e.jobId().orElse(null), "ERROR", e.records(), null, null, e.s3Url());
            }
            t.print(out);
        }
        for (ImportResult r : results) {
            if (r.status() == JobStatus.FAILED || !r.failures().isEmpty()) {
                out.println();
                out.println("Job " + r.jobId() + " (shard " + r.shardNumber() + ") " + r.status()
                        + (r.failures().isEmpty() ? "." : "; the service's failure lines:"));
                r.failures().forEach(f -> out.println("  " + f));
            }
        }
        for (JobError e : errors) {
            out.println();
            out.println("Shard " + e.shardNumber() + ": " + JobFailure.of(e).error());
        }
        ValidateCommand.printRejections(out, rejections);
        out.flush();
    }
}
