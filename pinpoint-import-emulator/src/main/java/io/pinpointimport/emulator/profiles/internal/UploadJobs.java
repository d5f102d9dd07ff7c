package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.emulator.Pace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Upload jobs and their lifecycle: {@code CreateUploadJob} with the service's checks, {@code StartUploadJob} and
 * {@code StopUploadJob}, the move from {@code IN_PROGRESS} to the final state at the settings' pace (the file is
 * read by {@link UploadJobProcessor}), and {@code GetUploadJob} and {@code ListUploadJobs}.
 */
final class UploadJobs {

    /** Page size of {@code ListUploadJobs} without {@code max-results} (undocumented; see the doc page). */
    static final int DEFAULT_LIST_PAGE_SIZE = 20;
    /** How many steps of a timed pace a started job stays {@code IN_PROGRESS}. */
    static final int TIMED_STEPS_IN_PROGRESS = 2;

    private final ProfilesContext context;
    private final Domains domains;
    private final UploadUrls urls;
    private final UploadJobProcessor processor;
    private final ScheduledExecutorService scheduler;
    private final Object lock;

    /** @param lock the engine's lock, which a timed pace's finishing task takes as every operation does */
    UploadJobs(
            ProfilesContext context,
            Domains domains,
            UploadUrls urls,
            UploadJobProcessor processor,
            ScheduledExecutorService scheduler,
            Object lock) {
        this.context = context;
        this.domains = domains;
        this.urls = urls;
        this.processor = processor;
        this.scheduler = scheduler;
        this.lock = lock;
    }

    Answer create(String domainName, @Nullable JsonNode body) {
        Domain domain = domains.domain(domainName);
        if (body == null || !body.isObject()) {
            throw ProfilesServiceError.badRequest("The request body must be a CreateUploadJobRequest JSON object");
        }
        String displayName = ProfilesContext.text(body, "DisplayName");
        if (displayName == null || displayName.isEmpty() || displayName.length() > 255) {
            throw ProfilesServiceError.badRequest("DisplayName is required and must be 1-255 characters");
        }
        JsonNode fields = body.get("Fields");
        if (fields == null || !fields.isObject() || fields.isEmpty()) {
            throw ProfilesServiceError.badRequest("Fields is required: a map of field names to ObjectTypeField");
        }
        List<FieldMapping> mappings = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            mappings.add(FieldMapping.of(entry.getKey(), entry.getValue()));
        }
        String uniqueKey = ProfilesContext.text(body, "UniqueKey");
        if (uniqueKey == null || uniqueKey.isEmpty() || uniqueKey.length() > 1000) {
            throw ProfilesServiceError.badRequest("UniqueKey is required and must be 1-1000 characters");
        }
        int dataExpiry = body.has("DataExpiry")
                ? ProfilesContext.expirationDays(body, "DataExpiry", false)
                : ProfilesContext.DEFAULT_DATA_EXPIRY_DAYS;
        String id = context.newId();
        UploadJob job = new UploadJob(
                id,
                domain,
                displayName,
                (ObjectNode) fields.deepCopy(),
                List.copyOf(mappings),
                uniqueKey,
                dataExpiry,
                context.now());
        domain.jobs.put(id, job);
        ObjectNode node = context.mapper.createObjectNode();
        node.put("JobId", id);
        return new Answer(200, node);
    }

    Answer start(String domainName, String jobId) {
        UploadJob job = job(domainName, jobId);
        switch (job.status) {
            case UploadJob.CREATED -> {
                if (job.file == null) {
                    throw ProfilesServiceError.badRequest("Upload job " + jobId + " has no file yet: PUT the file to"
                            + " the URL GetUploadJobPath gives, then start the job");
                }
                begin(job);
            }
            case UploadJob.STOPPED ->
                throw ProfilesServiceError.badRequest("Upload job " + jobId + " was stopped and cannot be started");
            default -> {
                // already started: a repeated start (a client retrying a lost answer) changes nothing
            }
        }
        return new Answer(200, context.mapper.createObjectNode());
    }

    private void begin(UploadJob job) {
        job.status = UploadJob.IN_PROGRESS;
        urls.forget(job);
        switch (context.settings.pace().kind()) {
            case INSTANT -> processor.finish(job);
            case STEPS -> job.getsSinceStart = 0;
            case TIMED ->
                job.ticker = scheduler.schedule(
                        () -> finishLater(job),
                        context.settings.pace().step().toNanos() * TIMED_STEPS_IN_PROGRESS,
                        TimeUnit.NANOSECONDS);
        }
    }

    private void finishLater(UploadJob job) {
        synchronized (lock) {
            if (job.status.equals(UploadJob.IN_PROGRESS) && job.domain.jobs.get(job.id) == job) {
                processor.finish(job);
            }
        }
    }

    Answer stop(String domainName, String jobId) {
        UploadJob job = job(domainName, jobId);
        if (job.status.equals(UploadJob.CREATED) || job.status.equals(UploadJob.IN_PROGRESS)) {
            if (job.ticker != null) {
                job.ticker.cancel(false);
            }
            job.status = UploadJob.STOPPED;
            job.completedAt = context.now();
            urls.forget(job);
            job.dropFile();
        } else if (!job.status.equals(UploadJob.STOPPED)) {
            throw ProfilesServiceError.badRequest("Upload job " + jobId + " has already finished (" + job.status + ")");
        }
        return new Answer(200, context.mapper.createObjectNode());
    }

    Answer get(String domainName, String jobId) {
        UploadJob job = job(domainName, jobId);
        if (job.status.equals(UploadJob.IN_PROGRESS) && context.settings.pace().kind() == Pace.Kind.STEPS) {
            if (job.getsSinceStart >= 1) {
                processor.finish(job);
            }
            job.getsSinceStart++;
        }
        ObjectNode node = renderItem(job);
        node.set("Fields", job.fields.deepCopy());
        node.put("UniqueKey", job.uniqueKey);
        if (job.terminal()) {
            ObjectNode summary = node.putObject("ResultsSummary");
            summary.put("UpdatedRecords", job.updated);
            summary.put("CreatedRecords", job.created);
            summary.put("FailedRecords", job.failed);
        }
        return new Answer(200, node);
    }

    Answer list(String domainName, @Nullable String maxResults, @Nullable String nextToken) {
        Domain domain = domains.domain(domainName);
        int size = ProfilesPaging.pageSize(maxResults, 500, DEFAULT_LIST_PAGE_SIZE);
        int offset = ProfilesPaging.offset(nextToken);
        List<UploadJob> newestFirst = new ArrayList<>(domain.jobs.values());
        Collections.reverse(newestFirst);
        return new Answer(
                200,
                ProfilesPaging.page(context.mapper.createObjectNode(), newestFirst, offset, size, this::renderItem));
    }

    /** @return the job, or a {@code ResourceNotFoundException} */
    UploadJob job(String domainName, String jobId) {
        Domain domain = domains.domain(domainName);
        UploadJob job = domain.jobs.get(jobId);
        if (job == null) {
            throw ProfilesServiceError.notFound("Upload job " + jobId + " does not exist in domain " + domainName);
        }
        return job;
    }

    /** Stops every job's timer and deletes every job's file, before the domains are forgotten. */
    void clear() {
        for (Domain domain : domains.all()) {
            for (UploadJob job : domain.jobs.values()) {
                if (job.ticker != null) {
                    job.ticker.cancel(false);
                }
                job.dropFile();
            }
        }
    }

    private ObjectNode renderItem(UploadJob job) {
        ObjectNode node = context.mapper.createObjectNode();
        node.put("JobId", job.id);
        node.put("DisplayName", job.displayName);
        node.put("Status", job.status);
        if (job.statusReason != null) {
            node.put("StatusReason", job.statusReason);
        }
        node.put("CreatedAt", ProfilesContext.epochSeconds(job.createdAt));
        if (job.completedAt != null) {
            node.put("CompletedAt", ProfilesContext.epochSeconds(job.completedAt));
        }
        node.put("DataExpiry", job.dataExpiry);
        return node;
    }
}
