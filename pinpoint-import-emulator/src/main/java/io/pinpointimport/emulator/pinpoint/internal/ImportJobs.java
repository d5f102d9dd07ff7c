package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.QuotaMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Import jobs: {@code CreateImportJob} with the service's checks, the account's active-job quota (queue or refuse),
 * each job's plan of visible states moved on at the settings' pace, and {@code GetImportJob(s)} and
 * {@code GetSegmentImportJobs}.
 */
final class ImportJobs {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private final EngineContext context;
    private final Applications apps;
    private final Segments segments;
    private final JobProcessor processor;
    private final ScheduledExecutorService scheduler;
    private final Object lock;
    private final Deque<ImportJob> pending = new ArrayDeque<>();

    /** @param lock the engine's lock, which a timed pace's ticks take as every operation does */
    ImportJobs(
            EngineContext context,
            Applications apps,
            Segments segments,
            JobProcessor processor,
            ScheduledExecutorService scheduler,
            Object lock) {
        this.context = context;
        this.apps = apps;
        this.segments = segments;
        this.processor = processor;
        this.scheduler = scheduler;
        this.lock = lock;
    }

    Answer create(Application app, @Nullable JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ServiceError.badRequest("The request body must be an ImportJobRequest JSON object");
        }
        String format = EngineContext.text(body, "Format");
        if (!"CSV".equals(format) && !"JSON".equals(format)) {
            throw ServiceError.badRequest("Format must be CSV or JSON");
        }
        String s3Url = EngineContext.text(body, "S3Url");
        if (s3Url == null || !JobProcessor.S3_URL.matcher(s3Url).matches()) {
            throw ServiceError.badRequest("S3Url must be an S3 URL such as s3://bucket-name/prefix/");
        }
        String roleArn = EngineContext.text(body, "RoleArn");
        if (roleArn == null || roleArn.isEmpty()) {
            throw ServiceError.badRequest("RoleArn is required");
        }
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            throw ServiceError.badRequest(
                    "RoleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/name");
        }
        for (String flag : List.of("RegisterEndpoints", "DefineSegment")) {
            JsonNode value = body.get(flag);
            if (value != null && !value.isNull() && !value.isBoolean()) {
                throw ServiceError.badRequest(flag + " must be a boolean");
            }
        }
        for (String member : List.of("SegmentId", "SegmentName", "ExternalId")) {
            JsonNode value = body.get(member);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw ServiceError.badRequest(member + " must be a string");
            }
        }
        String segmentId = EngineContext.text(body, "SegmentId");
        if (segmentId != null && !app.segments.containsKey(segmentId)) {
            throw ServiceError.notFound("Segment not found");
        }
        EngineSettings settings = context.settings;
        boolean queue = false;
        if (activeJobs() >= settings.activeJobLimit()) {
            if (settings.quotaMode() == QuotaMode.REFUSE) {
                throw new ServiceError(
                        settings.quotaRefusal(),
                        "Active import job quota exceeded: " + settings.activeJobLimit()
                                + " import jobs are running; retry when one finishes");
            }
            queue = true;
        }

        ObjectNode definition = context.mapper.createObjectNode();
        for (String member : List.of(
                "DefineSegment",
                "ExternalId",
                "Format",
                "RegisterEndpoints",
                "RoleArn",
                "S3Url",
                "SegmentId",
                "SegmentName")) {
            JsonNode value = body.get(member);
            if (value != null && !value.isNull()) {
                definition.set(member, value.deepCopy());
            }
        }
        String creationDate = context.now();
        if (segmentId == null && definition.path("DefineSegment").asBoolean(false)) {
            Segment segment = segments.define(app, definition, EngineContext.text(body, "SegmentName"), creationDate);
            definition.put("SegmentId", segment.id);
        }
        ImportJob job = new ImportJob(EngineContext.newId(), app, definition, creationDate);
        job.createdSegment = segmentId == null && definition.has("SegmentId");
        app.jobs.put(job.id, job);
        if (queue) {
            pending.add(job);
            return new Answer(201, render(job));
        }
        activate(job);
        // The service answers a new job as CREATED, whatever the pace.
        return new Answer(201, render(job, job.plan.get(0)));
    }

    Answer get(Application app, String jobId) {
        ImportJob job = app.jobs.get(jobId);
        if (job == null) {
            throw ServiceError.notFound("Resource not found");
        }
        if (context.settings.pace().kind() == Pace.Kind.STEPS && job.running()) {
            advance(job);
        }
        return new Answer(200, render(job));
    }

    Answer list(Application app, @Nullable String pageSize, @Nullable String token) {
        return new Answer(200, page(new ArrayList<>(app.jobs.values()), pageSize, token));
    }

    Answer listOfSegment(Application app, String segmentId, @Nullable String pageSize, @Nullable String token) {
        if (!app.segments.containsKey(segmentId)) {
            throw ServiceError.notFound("Segment not found");
        }
        List<ImportJob> jobs = new ArrayList<>();
        for (ImportJob job : app.jobs.values()) {
            if (segmentId.equals(job.definition.path("SegmentId").textValue())) {
                jobs.add(job);
            }
        }
        return new Answer(200, page(jobs, pageSize, token));
    }

    /** Stops an application's jobs where they are, before it is deleted: they no longer run nor wait. */
    void stop(Application app) {
        app.jobs.values().forEach(ImportJob::stopTicking);
        pending.removeIf(job -> job.app == app);
    }

    /** Starts queued jobs while the account's active-job quota has room. */
    void startQueued() {
        while (!pending.isEmpty() && activeJobs() < context.settings.activeJobLimit()) {
            activate(pending.poll());
        }
    }

    /** Stops every job and forgets the queue. */
    void clear() {
        for (Application app : apps.all()) {
            app.jobs.values().forEach(ImportJob::stopTicking);
        }
        pending.clear();
    }

    private ObjectNode page(List<ImportJob> oldestFirst, @Nullable String pageSizeText, @Nullable String token) {
        int pageSize = Paging.pageSize(pageSizeText, context.settings.defaultPageSize());
        int offset = Paging.offset(token);
        List<ImportJob> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return Paging.page(context.mapper.createObjectNode(), newestFirst, offset, pageSize, this::render);
    }

    private int activeJobs() {
        int active = 0;
        for (Application app : apps.all()) {
            for (ImportJob job : app.jobs.values()) {
                if (job.running()) {
                    active++;
                }
            }
        }
        return active;
    }

    private void activate(ImportJob job) {
        job.activated = true;
        job.index = 0;
        JobOutcome outcome = processor.process(job);
        job.failures = List.copyOf(outcome.failureLines);
        job.plan = plan(outcome);
        Pace pace = context.settings.pace();
        switch (pace.kind()) {
            case INSTANT -> {
                job.index = job.plan.size() - 1;
                finished(job);
            }
            case STEPS -> {
                // moved on by GetImportJob
            }
            case TIMED -> {
                long nanos = pace.step().toNanos();
                job.ticker = scheduler.scheduleAtFixedRate(() -> tick(job), nanos, nanos, TimeUnit.NANOSECONDS);
            }
            default -> throw new IllegalStateException(pace.kind().name());
        }
    }

    private void tick(ImportJob job) {
        synchronized (lock) {
            if (job.running()) {
                advance(job);
            }
            if (!job.running()) {
                job.stopTicking();
            }
        }
    }

    private void advance(ImportJob job) {
        job.index++;
        if (job.plan.get(job.index).terminal()) {
            finished(job);
        }
    }

    private void finished(ImportJob job) {
        job.completionDate = context.now();
        startQueued();
    }

    private static List<ImportJob.Step> plan(JobOutcome o) {
        List<ImportJob.Step> steps = new ArrayList<>();
        steps.add(new ImportJob.Step("CREATED", null, null, null, null, null, false));
        if (o.fatal) {
            steps.add(new ImportJob.Step("INITIALIZING", o.pieces, 0, 0, 0, 0, false));
            steps.add(new ImportJob.Step("FAILING", o.pieces, 0, o.failedPieces, o.processed, o.failed, true));
            steps.add(new ImportJob.Step("FAILED", o.pieces, 0, o.failedPieces, o.processed, o.failed, true));
            return steps;
        }
        int half = o.pieces / 2;
        int processedHalf = o.pieces == 0 ? 0 : (int) ((long) o.processed * half / o.pieces);
        int failedHalf = o.pieces == 0 ? 0 : (int) ((long) o.failed * half / o.pieces);
        int completed = o.pieces - o.failedPieces;
        steps.add(new ImportJob.Step("INITIALIZING", o.pieces, 0, 0, 0, 0, false));
        steps.add(new ImportJob.Step("PROCESSING", o.pieces, half, 0, processedHalf, failedHalf, false));
        if (o.failedPieces > 0) {
            steps.add(new ImportJob.Step("FAILING", o.pieces, completed, o.failedPieces, o.processed, o.failed, true));
            steps.add(new ImportJob.Step("FAILED", o.pieces, completed, o.failedPieces, o.processed, o.failed, true));
        } else {
            steps.add(new ImportJob.Step("COMPLETING", o.pieces, completed, 0, o.processed, o.failed, true));
            steps.add(new ImportJob.Step("COMPLETED", o.pieces, completed, 0, o.processed, o.failed, true));
        }
        return steps;
    }

    private ObjectNode render(ImportJob job) {
        return render(job, job.step());
    }

    private ObjectNode render(ImportJob job, ImportJob.@Nullable Step step) {
        ObjectNode node = context.mapper.createObjectNode();
        node.put("ApplicationId", job.app.id);
        if (step != null && step.completedPieces() != null) {
            node.put("CompletedPieces", step.completedPieces());
        }
        if (step != null && step.terminal()) {
            node.put("CompletionDate", job.completionDate);
        }
        node.put("CreationDate", job.creationDate);
        node.set("Definition", job.definition.deepCopy());
        if (step != null && step.failedPieces() != null) {
            node.put("FailedPieces", step.failedPieces());
        }
        if (step != null && step.showFailures() && !job.failures.isEmpty()) {
            ArrayNode failures = node.putArray("Failures");
            job.failures.forEach(failures::add);
        }
        node.put("Id", job.id);
        node.put("JobStatus", step == null ? "PENDING_JOB" : step.status());
        if (step != null && step.totalFailures() != null) {
            node.put("TotalFailures", step.totalFailures());
            node.put("TotalPieces", step.totalPieces());
            node.put("TotalProcessed", step.totalProcessed());
        }
        node.put("Type", "IMPORT");
        return node;
    }
}
